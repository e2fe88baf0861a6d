import { describe, expect, it } from 'vitest';
import { testPool } from '@/lib/test/database-per-file';

// catalog_change (migration 0017), the one definition of an event's kind and what changed, on the
// cases the write paths feed it: keys added, removed, changed deep inside, unchanged; a create, a
// delete; links compared only when both sides list them; a blueprint's fields.

type Change = { kind: string; changed: string[]; changed_relations: string[] | null; title_changed: boolean };

async function change(action: string, before: unknown, after: unknown): Promise<Change> {
  const { rows } = await testPool().query<Change>('SELECT * FROM catalog_change($1, $2::jsonb, $3::jsonb)', [
    action,
    before === null ? null : JSON.stringify(before),
    after === null ? null : JSON.stringify(after),
  ]);
  return rows[0];
}

describe('catalog_change', () => {
  it('an update lists the properties added, removed and changed (deep), bytewise sorted, and nothing unchanged', async () => {
    const before = { title: 'A', data: { keep: 1, gone: true, deep: { x: [1, 2] }, Z: 0 }, relations: { r: 'a' } };
    const after = { title: 'A', data: { keep: 1, deep: { x: [1, 3] }, added: null, Z: 0, a: 1 }, relations: { r: 'a' } };
    expect(await change('entity.updated', before, after)).toEqual({
      kind: 'entity.updated',
      changed: ['a', 'added', 'deep', 'gone'],
      changed_relations: [],
      title_changed: false,
    });
  });

  it('equal snapshots change nothing; a links-only change is entity.links_changed', async () => {
    const same = { title: null, data: { a: 1 }, relations: { r: ['x'] } };
    expect(await change('entity.updated', same, same)).toMatchObject({ kind: 'entity.updated', changed: [], changed_relations: [] });
    const relinked = { ...same, relations: { r: ['x', 'y'], s: 'z' } };
    expect(await change('entity.updated', same, relinked)).toEqual({
      kind: 'entity.links_changed',
      changed: [],
      changed_relations: ['r', 's'],
      title_changed: false,
    });
  });

  it('a create lists every key; a delete too; links unknown on a side that lacks them', async () => {
    const snap = { title: 'T', data: { b: 1, a: 2 } };
    expect(await change('entity.created', null, snap)).toEqual({
      kind: 'entity.created',
      changed: ['a', 'b'],
      changed_relations: null,
      title_changed: true,
    });
    expect(await change('entity.deleted', { ...snap, relations: { r: 'x' } }, null)).toEqual({
      kind: 'entity.deleted',
      changed: ['a', 'b'],
      changed_relations: ['r'],
      title_changed: true,
    });
    // A bulk update: the old side has no relations (not read), so they are not compared.
    expect((await change('entity.updated', { title: 'T', data: {} }, { ...snap, relations: {} })).changed_relations).toBeNull();
  });

  it("a blueprint's event names which of its fields changed", async () => {
    const before = { id: 'svc', title: 'S', description: null, icon: null, schema: { type: 'object' }, relations: {}, version: 1 };
    const after = { ...before, schema: { type: 'object', properties: {} }, version: 2, forced: true };
    expect(await change('blueprint.updated', before, after)).toEqual({
      kind: 'blueprint.updated',
      changed: ['schema'],
      changed_relations: null,
      title_changed: false,
    });
  });
});
