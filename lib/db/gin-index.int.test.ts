import { beforeAll, describe, expect, it } from 'vitest';
import { createBlueprint, createTeam } from '@/lib/test/fixtures';
import { testDb, testPool } from '@/lib/test/database-per-file';

// The catalog's query shapes must be served by the indexes of migrations-sql/0003_catalog.sql:
// idx_entities_data (GIN, jsonb_ops) for JSONB filters and idx_entities_list for keyset pages.
// 20,000 varied rows and fresh statistics, so the planner chooses as it would on a real catalog;
// each query carries team_id and takes its values as parameters, like the app's *.sql.ts.

const ROWS = 20_000;

type PlanNode = { 'Node Type'?: string; 'Index Name'?: string; Plans?: PlanNode[] };

function indexNames(node: PlanNode): string[] {
  const own = node['Index Name'] ? [node['Index Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(indexNames)];
}

async function plan(text: string, values: unknown[]): Promise<{ indexes: string[]; json: string }> {
  const { rows } = await testPool().query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
  const root = rows[0]['QUERY PLAN'][0].Plan;
  return { indexes: indexNames(root), json: JSON.stringify(root, null, 1) };
}

async function count(text: string, values: unknown[]): Promise<number> {
  const { rows } = await testPool().query(text, values);
  return rows.length;
}

describe('entity indexes', () => {
  let teamId: string;

  beforeAll(async () => {
    const { team } = await createTeam(testDb());
    teamId = team.id;
    await createBlueprint(testDb(), teamId, 'service');
    await createBlueprint(testDb(), teamId, 'database');
    // One statement: 37 common statuses plus 'rare-value' in 4 rows; two common dependencies per
    // row plus 'rare-dep' in 5; `version` in a third of the rows; `rare_key` in 20.
    await testPool().query(
      `INSERT INTO entities (team_id, blueprint_id, identifier, title, data, created_at, updated_at)
       SELECT $1, CASE WHEN i % 10 = 0 THEN 'database' ELSE 'service' END, 'entity-' || i, 'Entity ' || i,
              jsonb_strip_nulls(jsonb_build_object(
                'status', CASE WHEN i % 5000 = 0 THEN 'rare-value' ELSE 'status-' || (i % 37) END,
                'tier', i % 4 + 1,
                'owner', 'team-' || (i % 13),
                'dependencies', CASE WHEN i % 4000 = 0
                                     THEN jsonb_build_array('dep-' || (i % 50), 'rare-dep')
                                     ELSE jsonb_build_array('dep-' || (i % 50), 'dep-' || (i % 23 + 50)) END,
                'version', CASE WHEN i % 3 = 0 THEN (i % 5) || '.' || (i % 11) || '.0' END,
                'rare_key', CASE WHEN i % 1000 = 0 THEN true END,
                'metadata', jsonb_build_object('region', 'region-' || (i % 7), 'cost', i % 997)
              )),
              timestamptz '2026-01-01' - i * interval '1 minute',
              timestamptz '2026-01-01' - (i % 500) * interval '1 hour'
         FROM generate_series(1, ${ROWS}) AS i`,
      [teamId],
    );
    // VACUUM as well as ANALYZE: a bulk insert leaves its GIN entries in the index's pending list
    // (fastupdate), which the planner prices as a full scan of that list; autovacuum merges it on a
    // live server, a manual ANALYZE does not. VACUUM gives the steady state a catalog runs in.
    await testPool().query('VACUUM ANALYZE entities');
  });

  it('holds the generated rows', async () => {
    const { rows } = await testPool().query<{ n: string }>('SELECT count(*) AS n FROM entities WHERE team_id = $1', [teamId]);
    expect(Number(rows[0].n)).toBe(ROWS);
  });

  it('serves containment on a selective value from idx_entities_data', async () => {
    const query = 'SELECT id FROM entities WHERE team_id = $1 AND data @> $2::jsonb';
    const values = [teamId, JSON.stringify({ status: 'rare-value' })];
    const { indexes, json } = await plan(query, values);
    expect(indexes, json).toContain('idx_entities_data');
    expect(await count(query, values)).toBe(4);
  });

  it('serves key existence on a rare key from idx_entities_data', async () => {
    const query = 'SELECT id FROM entities WHERE team_id = $1 AND data ? $2';
    const values = [teamId, 'rare_key'];
    const { indexes, json } = await plan(query, values);
    expect(indexes, json).toContain('idx_entities_data');
    expect(await count(query, values)).toBe(20);
  });

  it('serves array membership, written as containment, from idx_entities_data', async () => {
    const query = 'SELECT id FROM entities WHERE team_id = $1 AND data @> $2::jsonb';
    const values = [teamId, JSON.stringify({ dependencies: ['rare-dep'] })];
    const { indexes, json } = await plan(query, values);
    expect(indexes, json).toContain('idx_entities_data');
    expect(await count(query, values)).toBe(5);
  });

  it('does not report the GIN index for a query it cannot serve (the plan walker is honest)', async () => {
    const { indexes, json } = await plan('SELECT id FROM entities WHERE team_id = $1 AND title = $2', [teamId, 'Entity 7']);
    expect(indexes, json).not.toContain('idx_entities_data');
  });

  describe('keyset list, newest first', () => {
    const firstPage = `SELECT id FROM entities WHERE team_id = $1 AND blueprint_id = $2
                        ORDER BY created_at DESC, id DESC LIMIT 50`;
    const nextPage = `SELECT id, created_at FROM entities WHERE team_id = $1 AND blueprint_id = $2
                         AND (created_at, id) < ($3, $4)
                       ORDER BY created_at DESC, id DESC LIMIT 50`;

    it('reads the first page from idx_entities_list', async () => {
      const { indexes, json } = await plan(firstPage, [teamId, 'service']);
      expect(indexes, json).toContain('idx_entities_list');
      expect(await count(firstPage, [teamId, 'service'])).toBe(50);
    });

    it('reads a page after a deep cursor from idx_entities_list', async () => {
      // A cursor deep in the list: the 15,000th service row, newest first.
      const { rows: cursor } = await testPool().query<{ id: string; created_at: Date }>(
        `SELECT id, created_at FROM entities WHERE team_id = $1 AND blueprint_id = 'service'
          ORDER BY created_at DESC, id DESC OFFSET 14999 LIMIT 1`,
        [teamId],
      );
      const values = [teamId, 'service', cursor[0].created_at, cursor[0].id];
      const { indexes, json } = await plan(nextPage, values);
      expect(indexes, json).toContain('idx_entities_list');
      const { rows } = await testPool().query<{ created_at: Date }>(nextPage, values);
      expect(rows).toHaveLength(50);
      expect(rows.every((r) => r.created_at < cursor[0].created_at)).toBe(true);
    });
  });
});
