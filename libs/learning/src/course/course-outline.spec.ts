import { DomainError } from '@app/contracts';
import { closesCycle, placeAt, renumber } from './course-outline';

const rows = (...ids: string[]) => ids.map((id, position) => ({ id, position }));
const ids = (items: ReadonlyArray<{ id: string }>) => items.map((i) => i.id);

describe('placeAt and renumber', () => {
  it('moves an item up, down, to either end, and in place', () => {
    const list = rows('a', 'b', 'c', 'd');
    expect(ids(placeAt(list, list[2]!, 1))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(placeAt(list, list[0]!, 3))).toEqual(['b', 'c', 'd', 'a']);
    expect(ids(placeAt(list, list[3]!, 0))).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(placeAt(list, list[1]!, 1))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('takes an item from elsewhere, up to one past the end', () => {
    const list = rows('a', 'b');
    const stranger = { id: 'x', position: 7 };
    expect(ids(placeAt(list, stranger, 2))).toEqual(['a', 'b', 'x']);
    expect(ids(placeAt(list, stranger, 0))).toEqual(['x', 'a', 'b']);
  });

  it('refuses a position outside the list with a stable reason', () => {
    const list = rows('a', 'b', 'c');
    for (const bad of [3, -1, 1.5]) {
      let error: unknown;
      try {
        placeAt(list, list[0]!, bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).toBody()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'position', reason: 'outOfRange' }],
      });
    }
    expect(() => placeAt(list, { id: 'x', position: 0 }, 4)).toThrow(DomainError);
  });

  it('renumbers densely and reports only the rows that changed', () => {
    const list = rows('a', 'b', 'c', 'd');
    const order = placeAt(list, list[3]!, 1);
    const changed = renumber(order);
    expect(order.map((i) => i.position)).toEqual([0, 1, 2, 3]);
    expect(ids(changed)).toEqual(['d', 'b', 'c']);
    // gaps and duplicates left by older data close up too
    const messy = [
      { id: 'p', position: 0 },
      { id: 'q', position: 0 },
      { id: 'r', position: 5 },
    ];
    expect(ids(renumber(messy))).toEqual(['q', 'r']);
    expect(messy.map((i) => i.position)).toEqual([0, 1, 2]);
  });
});

describe('closesCycle', () => {
  const graph = new Map<string, string[]>([
    ['a', []],
    ['b', ['a']],
    ['c', ['b']],
    ['d', []],
  ]);

  it('finds a prerequisite that leads back to the node, directly or through others', () => {
    expect(closesCycle(graph, 'a', ['a'])).toBe(true);
    expect(closesCycle(graph, 'a', ['b'])).toBe(true);
    expect(closesCycle(graph, 'a', ['d', 'c'])).toBe(true);
  });

  it('accepts prerequisites that do not lead back', () => {
    expect(closesCycle(graph, 'c', ['a', 'd'])).toBe(false);
    expect(closesCycle(graph, 'd', ['c'])).toBe(false);
    expect(closesCycle(graph, 'a', [])).toBe(false);
    expect(closesCycle(graph, 'b', ['d'])).toBe(false);
  });
});
