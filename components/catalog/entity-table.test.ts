import { describe, expect, it } from 'vitest';
import { pickColumns } from './entity-table';

describe('pickColumns', () => {
  it("keeps the schema's order of its scalar properties; skips markdown, arrays, objects", () => {
    const columns = pickColumns({
      properties: {
        description: { type: 'string', format: 'markdown' },
        owner: { type: 'string', title: 'Owner' },
        tags: { type: 'array' },
        meta: { type: 'object' },
        tier: { type: 'integer', title: 'Tier' },
        lifecycle: { type: 'string', enum: ['a', 'b'], title: 'Lifecycle' },
      },
    });
    expect(columns.map((c) => c.key)).toEqual(['owner', 'tier', 'lifecycle']);
    expect(columns[2].title).toBe('Lifecycle');
  });

  it('stops at the maximum and copes with no properties', () => {
    const properties = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, { type: 'number' }]));
    expect(pickColumns({ properties }, 4)).toHaveLength(4);
    expect(pickColumns({})).toEqual([]);
  });
});
