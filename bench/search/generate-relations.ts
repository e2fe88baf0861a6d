import type { Pool } from 'pg';

// The relations of the benchmark's dataset (issue 6), generated in SQL (INSERT ... SELECT over the
// entities generate-dataset.ts made) in every team, so a graph walk has to stay in its tenant.
// Deterministic: entity `svc-<i>` always gets the same links. Every team gets the same definitions;
// the bench team, the biggest tenant, holds about a third of the links.
//
//   component.part_of  -> service    many-to-one   every component, to a hashed service
//   component.uses     -> component  many-to-many  each component uses one EARLIER component (a DAG)
//   service.depends_on -> service    many-to-many  i -> i/2 (a tree: the low numbers are shared
//                                                   platform services many things sit on),
//                                                   i -> an earlier hashed service (more paths),
//                                                   every 50th i -> any hashed service (cycles)
//   service.runs_on    -> vpc        many-to-one   the cluster-like blueprint, 4 regions in its data
//   9 blueprints .belongs_to -> service many-to-one (api, worker, library, ...)
//
// Bump RELATIONS_VERSION whenever this shape changes: setup-bench-team.ts regenerates the links of
// a cached dataset whose version differs (an old cache has none).

export const RELATIONS_VERSION = 1;

type Link = { source: string; relation: string; target: string; type: 'many-to-one' | 'many-to-many'; targetIndex: string[] };

// Each expression is the target's number j for source number i; n is the target blueprint's
// entity count. NULL: no link.
const BELONGS_TO = ['api', 'worker', 'library', 'website', 'job', 'queue', 'topic', 'bucket', 'function'];
export const LINKS: Link[] = [
  { source: 'component', relation: 'part_of', target: 'service', type: 'many-to-one', targetIndex: ['1 + (i::bigint * 7919) % n'] },
  {
    source: 'component',
    relation: 'uses',
    target: 'component',
    type: 'many-to-many',
    targetIndex: ['CASE WHEN i > 2 THEN 1 + (i::bigint * 104729) % (i - 1) END'],
  },
  {
    source: 'service',
    relation: 'depends_on',
    target: 'service',
    type: 'many-to-many',
    targetIndex: [
      'CASE WHEN i > 1 THEN i / 2 END',
      'CASE WHEN i > 2 THEN 1 + (i::bigint * 7919) % (i - 1) END',
      'CASE WHEN i % 50 = 0 THEN 1 + (i::bigint * 48271) % n END',
    ],
  },
  { source: 'service', relation: 'runs_on', target: 'vpc', type: 'many-to-one', targetIndex: ['1 + (i::bigint * 31) % n'] },
  ...BELONGS_TO.map((source): Link => ({
    source,
    relation: 'belongs_to',
    target: 'service',
    type: 'many-to-one',
    targetIndex: ['1 + (i::bigint * 6007) % n'],
  })),
];

const linkSql = (targetIndex: string) => `
INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
SELECT s.team_id, $2::uuid, s.id, t.id
  FROM (SELECT team_id, id, substr(identifier, 5)::int AS i FROM entities WHERE team_id = $1::uuid AND blueprint_id = $3) s
  CROSS JOIN LATERAL (SELECT (${targetIndex})::int AS j FROM (SELECT $5::int AS n) c) x
  JOIN entities t ON t.team_id = $1::uuid AND t.blueprint_id = $4 AND t.identifier = 'svc-' || x.j
 WHERE t.id <> s.id
ON CONFLICT DO NOTHING`;

/** Replaces the links (and their definitions) of every team in `teamIds`; returns how many links. */
export async function generateRelations(pool: Pool, teamIds: string[], log: (line: string) => void): Promise<number> {
  const started = Date.now();
  await pool.query('DELETE FROM blueprint_relations WHERE team_id = ANY($1::uuid[])', [teamIds]); // cascades to the links
  let total = 0;
  for (const [t, teamId] of teamIds.entries()) {
    const { rows: counts } = await pool.query<{ blueprint_id: string; n: number }>(
      'SELECT blueprint_id, count(*)::int AS n FROM entities WHERE team_id = $1 GROUP BY blueprint_id',
      [teamId],
    );
    const count = new Map(counts.map((r) => [r.blueprint_id, r.n]));
    for (const link of LINKS) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier, title, relation_type)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [teamId, link.source, link.target, link.relation, link.relation.replace('_', ' '), link.type],
      );
      for (const expr of link.targetIndex) {
        const res = await pool.query(linkSql(expr), [teamId, rows[0].id, link.source, link.target, count.get(link.target) ?? 0]);
        total += res.rowCount ?? 0;
      }
    }
    if (t === 0 || t % 10 === 9 || t === teamIds.length - 1)
      log(`  team ${t + 1} / ${teamIds.length}: ${total.toLocaleString('en')} links (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  log('  VACUUM ANALYZE entity_relations, blueprint_relations ...');
  await pool.query('VACUUM ANALYZE entity_relations');
  await pool.query('VACUUM ANALYZE blueprint_relations');
  return total;
}
