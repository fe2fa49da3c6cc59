import { DomainError } from '@app/contracts';

/** A refusal of one field, in the shape the validation pipe uses, with a reason clients can test. */
export const invalidField = (field: string, reason: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, [{ field, reason, message }]);

/**
 * `items` (in their current order) with `moved` placed at `position`; every item is then numbered
 * 0…n-1 in that order. `moved` may come from elsewhere (a lesson from another module): then the list
 * grows by one and `position` may be n. Returns the new order; throws when `position` is outside it.
 */
export function placeAt<T extends { id: string }>(items: readonly T[], moved: T, position: number): T[] {
  const rest = items.filter((i) => i.id !== moved.id);
  if (!Number.isInteger(position) || position < 0 || position > rest.length) {
    throw invalidField(
      'position',
      'outOfRange',
      `position must be between 0 and ${rest.length} (the number of places there).`,
    );
  }
  return [...rest.slice(0, position), moved, ...rest.slice(position)];
}

/** The items whose position differs from their index in `order`, with the new position set. */
export function renumber<T extends { position: number }>(order: readonly T[]): T[] {
  const changed: T[] = [];
  order.forEach((item, index) => {
    if (item.position !== index) {
      item.position = index;
      changed.push(item);
    }
  });
  return changed;
}

/**
 * Whether giving `node` the prerequisites `next` would make it (indirectly) its own prerequisite,
 * which no trainee could ever satisfy. `graph` maps every node to its current prerequisites.
 */
export function closesCycle(
  graph: ReadonlyMap<string, readonly string[]>,
  node: string,
  next: readonly string[],
): boolean {
  const seen = new Set<string>();
  const stack = [...next];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === node) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.get(id) ?? []));
  }
  return false;
}
