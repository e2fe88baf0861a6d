import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { migrate } from '@/lib/db/migrate';
import { createPrisma } from '@/lib/db/prisma';
import { execSql } from '@/lib/db/run-sql';
import { distributionSql, scoreEntitiesSql } from '@/lib/scorecards/evaluate/score-entities.sql';
import { liveRowsSql } from '@/lib/scorecards/evaluate/read-results.sql';
import { recomputeScorecard } from '@/lib/scorecards/evaluate/recompute-job';
import { typeDefinition, type Definition } from '@/lib/scorecards/evaluate/type-definition';
import { machineLine, percentile, today } from './support/stats';

// Scorecards (issue 12, "Scale and speed"): a full recompute of a 10-rule scorecard over one
// blueprint, the summary statement's latency (p50/p95 over repeated runs), and what rescoring a
// 1000-entity write batch costs with 3 scorecards of 10 rules (the statements a bulk upsert adds).
// Run: npx tsx bench/scorecards.ts   (its own embedded PostgreSQL; BENCH_SCORECARD_ROWS, default 100000)
// Writes bench/results/scorecards-<date>.md.

const ROWS = Number(process.env.BENCH_SCORECARD_ROWS ?? 100_000);
const SCHEMA = {
  type: 'object',
  properties: {
    owner: { type: 'string' },
    oncall: { type: 'string' },
    tier: { type: 'integer' },
    env: { type: 'string' },
    runbook: { type: 'string' },
    lang: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
};
const RULES = [
  ['owned', 1, { property: 'owner', operator: 'exists' }],
  ['oncall', 1, { property: 'oncall', operator: 'isNotEmpty' }],
  ['tiered', 1, { property: 'tier', operator: '<=', value: 3 }],
  ['runbook', 2, { property: 'runbook', operator: 'beginsWith', value: 'https://' }],
  ['prod', 2, { property: 'env', operator: 'in', value: ['prod', 'staging'] }],
  ['lang', 2, { property: 'lang', operator: 'notIn', value: ['cobol'] }],
  ['tagged', 3, { property: 'tags', operator: 'contains', value: 'pci' }],
  ['tier1', 3, { property: 'tier', operator: '=', value: 1 }],
  ['named', 3, { property: '$title', operator: 'contains', value: '7' }],
  ['fresh', 3, { property: '$updated_at', operator: 'between', value: { preset: 'last90Days' } }],
] as const;

const definition: Definition = {
  levels: ['Basic', 'Bronze', 'Silver', 'Gold'],
  filter: null,
  rules: RULES.map(([identifier, level, rule]) => ({ identifier, level, query: { combinator: 'and', rules: [rule] } })),
};

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const out = await run();
  return [out, Number(process.hrtime.bigint() - started) / 1e6];
}

async function insertScorecard(pool: pg.Pool, teamId: string, identifier: string): Promise<string> {
  const levels = definition.levels.map((name) => ({ name, color: '#94a3b8' }));
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO scorecards (team_id, blueprint_id, identifier, title, levels) VALUES ($1, 'service', $2, $2, $3) RETURNING id::text`,
    [teamId, identifier, JSON.stringify(levels)],
  );
  for (const [position, r] of definition.rules.entries()) {
    await pool.query(
      `INSERT INTO scorecard_rules (team_id, scorecard_id, identifier, title, level, value, position) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
      [teamId, rows[0].id, r.identifier, definition.levels[r.level], JSON.stringify(r.query), position],
    );
  }
  return rows[0].id;
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'baseplate-scorecards-'));
  const server = await startEmbeddedPostgres({ dataDir: dir, database: 'bench', unsafeFast: true });
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  const db = createPrisma(server.url, 2);
  try {
    await migrate(server.url);
    const { rows } = await pool.query<{ id: string }>(`INSERT INTO teams (name, slug) VALUES ('bench', 'bench') RETURNING id::text`);
    const teamId = rows[0].id;
    await pool.query(`INSERT INTO blueprints (team_id, id, title, schema) VALUES ($1, 'service', 'service', $2)`, [teamId, SCHEMA]);
    await pool.query(
      `INSERT INTO entities (team_id, blueprint_id, identifier, title, data)
       SELECT $1, 'service', 'svc-' || i, 'Service ' || i, jsonb_strip_nulls(jsonb_build_object(
              'owner', CASE WHEN i % 5 <> 0 THEN 'team-' || (i % 40) END, 'oncall', CASE WHEN i % 3 = 0 THEN 'rota-' || (i % 9) END,
              'tier', i % 5, 'env', (ARRAY['prod', 'staging', 'dev'])[1 + i % 3], 'runbook', CASE WHEN i % 4 = 0 THEN 'https://wiki/' || i END,
              'lang', (ARRAY['go', 'ts', 'cobol', 'java'])[1 + i % 4], 'tags', CASE WHEN i % 7 = 0 THEN '["pci"]'::jsonb ELSE '[]'::jsonb END))
         FROM generate_series(1, ${ROWS}) AS i`,
      [teamId],
    );
    await pool.query('VACUUM ANALYZE entities');
    const ids = await Promise.all(['a', 'b', 'c'].map((s) => insertScorecard(pool, teamId, `sc-${s}`)));

    const [, recomputeMs] = await timed(() => recomputeScorecard(db, { teamId, scorecardId: ids[0], generation: 1 }));
    for (const id of ids.slice(1)) await recomputeScorecard(db, { teamId, scorecardId: id, generation: 1 });
    await pool.query('VACUUM ANALYZE scorecard_results');

    const summary = distributionSql(liveRowsSql({ teamId, blueprintId: 'service', scorecardId: ids[0], generation: 1 }, null), 10);
    const summaryMs: number[] = [];
    for (let i = 0; i < 50; i++) summaryMs.push((await timed(() => pool.query(summary.text, summary.values)))[1]);

    const { rows: plan } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${summary.text}`, summary.values);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
    const typed = await typeDefinition(db, teamId, 'service', SCHEMA, definition);
    const { rows: batch } = await pool.query<{ id: string }>(
      `SELECT id::text FROM entities WHERE team_id = $1 ORDER BY random() LIMIT 1000`,
      [teamId],
    );
    const batchIds = batch.map((r) => r.id);
    const history = {
      causes: batchIds.map((id) => ({ id, cause: 'entity_updated' })),
      otherCause: 'related_entity_changed',
      actorId: null,
      requestId: null,
    };
    const rescoreMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [, ms] = await timed(async () => {
        for (const id of ids) {
          await execSql(db, scoreEntitiesSql({ teamId, blueprintId: 'service', scorecardId: id, generation: 1 }, typed, batchIds, history));
        }
      });
      rescoreMs.push(ms);
    }

    const lines = [
      `# Scorecards (${today()})`,
      '',
      machineLine(),
      `Data: ${ROWS.toLocaleString('en')} entities of one blueprint; scorecards of 10 rules over 4 levels. Command: \`BENCH_SCORECARD_ROWS=${ROWS} npx tsx bench/scorecards.ts\`.`,
      '',
      '| What | Time |',
      '|---|---|',
      `| Full recompute of one scorecard (chunks of 5,000, flip, history) | ${Math.round(recomputeMs)} ms |`,
      `| Summary statement, 50 runs | p50 ${percentile(summaryMs, 50).toFixed(1)} ms, p95 ${percentile(summaryMs, 95).toFixed(1)} ms |`,
      `| Rescore of a 1,000-entity write batch, 3 scorecards (the statements a bulk upsert adds), 5 runs | p50 ${percentile(rescoreMs, 50).toFixed(1)} ms |`,
      '',
    ];
    const out = path.resolve(import.meta.dirname, 'results', `scorecards-${today()}.md`);
    writeFileSync(out, lines.join('\n'));
    console.log(lines.join('\n'));
  } finally {
    await db.$disconnect();
    await pool.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
