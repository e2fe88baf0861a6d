import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileMappings } from '@/lib/integrations/compile-mappings';
import { mapItems } from './map-items';

// A plain field path, or one compared with a literal, is read without JSONata (the fast path):
// its answer must be JSONata's own, for objects, nulls, primitives and arrays on the way or at
// the end, and for every kind of value compared.

const items = [
  { a: { b: 'x' } },
  { a: { b: null } },
  { a: null },
  { a: 5 },
  {},
  { a: [{ b: 1 }, { b: 2 }] },
  { a: [{ b: 1 }] },
  { a: { b: [1] } },
  { a: { b: { c: 1 } } },
  { a: { b: true } },
  { a: { b: [1, [2, 3]] } },
  { a: { b: [] } },
  { a: { b: 'svc' } },
  { a: { b: 1 } },
  { a: { b: '1' } },
  { a: { b: ['svc'] } },
  { a: { b: -1 } },
];

const plain = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

describe('mapItems: plain field paths', () => {
  it('give what JSONata gives', async () => {
    const [mapping] = compileMappings([{ blueprint: 'x', entity: { identifier: "'id'", properties: { v: 'a.b' } } }]);
    const { records } = await mapItems([mapping], items);
    const reference = jsonata('a.b');
    for (const [i, item] of items.entries()) {
      const expected = await reference.evaluate(item);
      const got = records[i].properties.v;
      expect(plain(got), JSON.stringify(item)).toEqual(plain(expected));
    }
  });

  it('compared with a literal, select what JSONata selects', async () => {
    for (const selector of ["a.b = 'svc'", 'a.b = "svc"', 'a.b = 1', 'a.b = -1', "  a.b='1' "]) {
      const [mapping] = compileMappings([{ blueprint: 'x', selector, entity: { identifier: "'id'" } }]);
      const { records } = await mapItems([mapping], items);
      const chosen = new Set(records.map((r) => r.index));
      const reference = jsonata(selector);
      for (const [i, item] of items.entries()) {
        const expected = await reference.evaluate(item).catch(() => 'error');
        expect(chosen.has(i), `${selector} on ${JSON.stringify(item)} (JSONata: ${JSON.stringify(expected)})`).toBe(expected === true);
      }
    }
  });

  it('an array value at the end comes back as a copy, not the item itself', async () => {
    const [mapping] = compileMappings([{ blueprint: 'x', entity: { identifier: "'id'", properties: { v: 'a.b' } } }]);
    const item = { a: { b: [{ c: 1 }] } };
    const { records } = await mapItems([mapping], [item]);
    expect(records[0].properties.v).toEqual([{ c: 1 }]);
    expect(records[0].properties.v).not.toBe(item.a.b);
  });
});
