/**
 * Rows a pool of stock is split over: more than the api's database connections, so a buyer almost
 * always finds a free slot until the last units.
 */
export const STOCK_SLOTS = 64;

/** `total` spread over the slots as evenly as possible (the first ones get the remainder). */
export function splitIntoSlots(total: number, slots = STOCK_SLOTS): number[] {
  const base = Math.floor(total / slots);
  const extra = total % slots;
  return Array.from({ length: slots }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Takes `want` units from locked slots, fullest first, when no single slot holds enough.
 * Returns slot → units taken, or null when the slots together hold less than `want`.
 */
export function takeAcross(slots: { slot: number; qty: number }[], want: number): Map<number, number> | null {
  if (slots.reduce((sum, s) => sum + s.qty, 0) < want) return null;
  const taken = new Map<number, number>();
  let left = want;
  for (const s of [...slots].sort((a, b) => b.qty - a.qty)) {
    if (left === 0) break;
    const n = Math.min(left, s.qty);
    if (n > 0) taken.set(s.slot, n);
    left -= n;
  }
  return taken;
}
