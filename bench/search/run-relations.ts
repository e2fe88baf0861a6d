import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { peakRssMb, ROOT, type BenchServer } from '../support/bench-server';
import { machineLine, today } from '../support/stats';
import { LINKS, RELATIONS_VERSION } from './generate-relations';
import { latencyTable, measureCases, type CaseResult } from './measure-cases';
import type { InProcess } from './measure-in-process';
import { relationCases, walkProfile, type RelationCase } from './relation-cases';
import type { BenchTeam } from './setup-bench-team';

// The relations suite of `npm run bench` (BENCH_SUITE=relations runs it alone): relatedTo at 1, 3
// and 15 hops, rules through a relation and the graph endpoint, measured like the search suite,
// then bench/results/relations-<date>.md with the dataset's shape and how much each case reaches.

type Options = { total: number; connections: number; seconds: number };

/** What one case's answer reached: a search's total, a graph's nodes and edges. */
function reachOf(answer: unknown): string {
  const a = answer as {
    total?: number;
    total_relation?: string;
    entities?: unknown[];
    nodes?: unknown[];
    edges?: unknown[];
    truncated?: boolean;
  };
  if (a.nodes) return `${a.nodes.length} nodes, ${a.edges?.length ?? 0} edges${a.truncated ? ' (truncated at the limit)' : ''}`;
  const bound = a.total_relation === 'gte' ? ' or more' : a.total_relation === 'estimate' ? ' (estimate)' : '';
  return `${(a.total ?? 0).toLocaleString('en')}${bound} matches, ${a.entities?.length ?? 0} on the page`;
}

async function datasetLines(pool: pg.Pool, teamId: string): Promise<string[]> {
  const { rows: all } = await pool.query<{ bench: boolean; n: number }>(
    'SELECT team_id = $1 AS bench, count(*)::int AS n FROM entity_relations GROUP BY 1 ORDER BY 1 DESC',
    [teamId],
  );
  const { rows: byRelation } = await pool.query<{ source: string; relation: string; target: string; type: string; n: number }>(
    `SELECT d.source_blueprint_id AS source, d.identifier AS relation, d.target_blueprint_id AS target, d.relation_type AS type, count(r.id)::int AS n
       FROM blueprint_relations d LEFT JOIN entity_relations r ON r.team_id = d.team_id AND r.relation_id = d.id
      WHERE d.team_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1`,
    [teamId],
  );
  const bench = all.find((r) => r.bench)?.n ?? 0;
  const total = all.reduce((s, r) => s + r.n, 0);
  return [
    `Links: ${total.toLocaleString('en')} rows of entity_relations over the 50 teams (dataset relations version ${RELATIONS_VERSION}, bench/search/generate-relations.ts); the bench team holds ${bench.toLocaleString('en')}, the 49 others ${(total - bench).toLocaleString('en')} (the same ${LINKS.length} definitions in every team, sized by its entities).`,
    '',
    '| bench team relation | type | links |',
    '|---|---|---|',
    ...byRelation.map((r) => `| ${r.source}.${r.relation} → ${r.target} | ${r.type} | ${r.n.toLocaleString('en')} |`),
  ];
}

async function reachLines(pool: pg.Pool, teamId: string, cases: RelationCase[], rows: CaseResult[]): Promise<string[]> {
  const lines = [
    '| query family | answer | entities reached (all blueprints) | nearest level of the last new one | longest path walked | (entity, path length) pairs |',
    '|---|---|---|---|---|---|',
  ];
  for (const [i, c] of cases.entries()) {
    const walk = c.walk ? await walkProfile(pool, teamId, c.walk) : null;
    const walked = walk
      ? `${walk.reached.toLocaleString('en')} | ${walk.nearest} | ${walk.levels} | ${walk.rows.toLocaleString('en')}`
      : ' | | |';
    lines.push(`| ${c.name} | ${reachOf(rows[i].answer)} | ${walked} |`);
  }
  return lines;
}

export async function relationsSuite(
  server: BenchServer,
  team: BenchTeam,
  inProcessRuns: InProcess,
  options: Options,
  log: (line: string) => void,
): Promise<void> {
  const auth = { authorization: `Bearer ${team.apiKey}` };
  const cases = relationCases();
  const rows = await measureCases(server.base, auth, cases, inProcessRuns, options, log);
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 });
  let dataset: string[];
  let reach: string[];
  try {
    dataset = await datasetLines(pool, team.teamId);
    reach = await reachLines(pool, team.teamId, cases, rows);
  } finally {
    await pool.end();
  }
  const report = [
    `# Relations at scale, ${today()}`,
    '',
    `Command: \`BENCH_SUITE=relations BENCH_ENTITIES=${options.total} npm run bench\` (latency runs: ${options.connections} connections × ${options.seconds} s each).`,
    '',
    `Machine: ${machineLine()}. The load generator, Baseplate (production build, one Node process) and the embedded PostgreSQL 17 share it.`,
    '',
    `Dataset: the search benchmark's ${options.total.toLocaleString('en')} entities over 50 teams × 20 blueprints (bench/results/search-${today()}.md), the bench team's \`service\` ${Math.round(options.total * 0.03).toLocaleString('en')} and \`component\` ${Math.round(options.total * 0.1).toLocaleString('en')} among them.`,
    '',
    ...dataset,
    '',
    ...latencyTable(rows),
    '',
    "What each case reaches: the answer (a search's total is exact up to 10,000, an `estimate` when counting took over 250 ms); for relatedTo, the walk over all blueprints: the distinct entities 1..max_hops hops away, the deepest level at which the breadth-first walk still finds a new one, the longest path length within max_hops, and how many (entity, path length) pairs a walk that recursed on those (before the fix) visited.",
    '',
    ...reach,
    '',
    `Server peak RSS: ${peakRssMb(server.pid).toFixed(0)} MB. Non-2xx answers during the runs: ${rows.reduce((s, r) => s + r.http.non2xx, 0)}.`,
    '',
  ].join('\n');
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const file = path.join(ROOT, 'bench', 'results', `relations-${today()}.md`);
  writeFileSync(file, report);
  console.log(report);
  console.log(`written to ${path.relative(ROOT, file)}`);
}
