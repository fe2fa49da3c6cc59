/**
 * `Promise.all(items.map(work))` for work that queries through a transaction's `EntityManager`:
 * a transaction is one connection, and a connection runs one query at a time, so running the
 * items side by side gains nothing and overlaps queries on one pg client (deprecated by pg, an
 * error from pg@9). One item after another, results in the order of `items`.
 */
export async function mapInSequence<T, R>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (const [index, item] of items.entries()) out.push(await work(item, index));
  return out;
}
