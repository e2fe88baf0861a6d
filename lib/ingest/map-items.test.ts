import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { compileMappings } from '@/lib/integrations/compile-mappings';
import { mapItems } from './map-items';

// A plain field path is read without JSONata (the fast path): its answer must be JSONata's own,
// for objects, nulls, primitives and arrays on the way (where JSONata decides).

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
];

describe('mapItems: plain field paths', () => {
  it('give what JSONata gives', async () => {
    const [mapping] = compileMappings([{ blueprint: 'x', entity: { identifier: "'id'", properties: { v: 'a.b' } } }]);
    const { records } = await mapItems([mapping], items);
    const reference = jsonata('a.b');
    for (const [i, item] of items.entries()) {
      const expected = await reference.evaluate(item);
      const got = records[i].properties.v;
      expect(got === undefined ? undefined : JSON.parse(JSON.stringify(got)), JSON.stringify(item)).toEqual(
        expected === undefined ? undefined : JSON.parse(JSON.stringify(expected)),
      );
    }
  });
});
