import type { Pool } from 'pg';
import { DEMO_BLUEPRINTS } from '@/lib/demo/demo-blueprints';

// The search benchmark's dataset, generated in SQL (INSERT ... SELECT generate_series) so a
// million entities take minutes, not hours. Deterministic: entity i always gets the same values.
//
// Shape (BENCH_ENTITIES = N, default 1,000,000): 50 teams with 20 blueprints each, all sharing the
// demo's rich `service` schema (enums, numbers, semver, date-time, arrays, a nested object). The
// team the benchmark queries (the first) is the biggest tenant, as in real life:
//   service    3% of N (30,000 at 1M): the facets goal is stated for a 30k-entity blueprint
//   component 10% of N (100,000):      deep keyset pages
//   18 others  0.2% of N each
// and the other 49 teams share the rest, so every query has to find its tenant in a 1M-row table.

export const TEAM_COUNT = 50;
export const BLUEPRINTS_PER_TEAM = 20;
export const BENCH_SCHEMA = DEMO_BLUEPRINTS[0].schema;

const OTHER_BLUEPRINTS = [
  'api',
  'worker',
  'library',
  'website',
  'job',
  'queue',
  'topic',
  'bucket',
  'function',
  'gateway',
  'dashboard',
  'pipeline',
  'model',
  'dataset',
  'secret',
  'domain',
  'vpc',
  'repository',
];
export const BLUEPRINT_IDS = ['service', 'component', ...OTHER_BLUEPRINTS];

export type Plan = { team: number; blueprint: string; count: number }[];

/** How many entities each (team, blueprint) gets for a total of `total`. */
export function planDataset(total: number): Plan {
  const plan: Plan = [
    { team: 0, blueprint: 'service', count: Math.round(total * 0.03) },
    { team: 0, blueprint: 'component', count: Math.round(total * 0.1) },
    ...OTHER_BLUEPRINTS.map((blueprint) => ({ team: 0, blueprint, count: Math.round(total * 0.002) })),
  ];
  const rest = total - plan.reduce((sum, p) => sum + p.count, 0);
  const cells = (TEAM_COUNT - 1) * BLUEPRINTS_PER_TEAM;
  for (let t = 1; t < TEAM_COUNT; t++) {
    BLUEPRINT_IDS.forEach((blueprint, b) => {
      const cell = (t - 1) * BLUEPRINTS_PER_TEAM + b;
      plan.push({ team: t, blueprint, count: Math.floor(rest / cells) + (cell < rest % cells ? 1 : 0) });
    });
  }
  return plan;
}

// Entity i's values. h1..h3 are cheap multiplicative hashes of i, so values look random but are
// reproducible; cost_center has 9000 values (a selective filter), title words 8 x 16.
const ENTITIES_SQL = `
INSERT INTO entities (team_id, blueprint_id, identifier, title, data, created_at, updated_at)
SELECT $1::uuid, $2, 'svc-' || i, w.domain || ' ' || w.noun || ' ' || i,
  jsonb_build_object(
    'description', 'The **' || lower(w.domain) || '** ' || lower(w.noun) || ' number ' || i || '.',
    'language', (ARRAY['TypeScript','Go','Python','Java','Rust','Kotlin'])[1 + h1 % 6],
    'lifecycle', (ARRAY['experimental','production','deprecated'])[1 + h2 % 3],
    'tier', 1 + h3 % 4,
    'version', (1 + h1 % 3) || '.' || (h2 % 12) || '.' || (h3 % 20) || CASE WHEN h1 % 10 = 0 THEN '-rc.' || (h2 % 3) ELSE '' END,
    'repository', 'https://git.example.com/acme/svc-' || i,
    'owner_email', 'team-' || (h2 % 50) || '@example.com',
    'uptime_slo', (ARRAY[99, 99.5, 99.9, 99.95])[1 + h3 % 4],
    'public', h1 % 7 = 0,
    'tags', jsonb_build_array(lower(w.domain), 'squad-' || (h2 % 20)),
    'dependencies', jsonb_build_array('db-' || (h3 % 100), 'cache-' || (h1 % 10)),
    'last_deployed_at', to_char((ts + make_interval(hours => (h2 % 500)::int)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    'metadata', jsonb_build_object(
      'environment', (ARRAY['production','staging','development'])[1 + h3 % 3],
      'region', (ARRAY['eu-west-1','us-east-1','ap-south-1','eu-central-1'])[1 + h1 % 4],
      'cost_center', 'CC-' || (1000 + (i::bigint * 7919) % 9000))),
  ts, ts + make_interval(mins => (h3 % 10000)::int)
FROM generate_series($3::int, $4::int) AS i,
  LATERAL (SELECT (i::bigint * 2654435761) % 1000003 AS h1, (i::bigint * 40503) % 999983 AS h2, (i::bigint * 69069) % 1000033 AS h3) h,
  LATERAL (SELECT
    (ARRAY['Checkout','Payments','Search','Catalog','Identity','Billing','Shipping','Inventory'])[1 + h1 % 8] AS domain,
    (ARRAY['API','Worker','Gateway','Ledger','Indexer','Scheduler','Notifier','Importer','Exporter','Resolver','Cache',
      'Proxy','Router','Auditor','Reporter','Console'])[1 + h2 % 16] AS noun,
    TIMESTAMPTZ '2024-11-28 00:00:00Z' + make_interval(secs => i % 63072000) AS ts) w`;

const CHUNK = 50_000;

/** Entities `from`..`to` of one blueprint of one team (the blueprint must exist), in chunks. */
export async function insertGeneratedEntities(pool: Pool, teamId: string, blueprint: string, from: number, to: number): Promise<void> {
  for (let start = from; start <= to; start += CHUNK)
    await pool.query(ENTITIES_SQL, [teamId, blueprint, start, Math.min(to, start + CHUNK - 1)]);
}

/** Inserts the teams, blueprints and entities of the plan; `teamIds[0]` is the benchmark's own team. */
export async function generateDataset(pool: Pool, firstTeamId: string, total: number, log: (line: string) => void): Promise<void> {
  const teamIds = [firstTeamId];
  for (let t = 1; t < TEAM_COUNT; t++) {
    const slug = `bench-other-${String(t).padStart(2, '0')}`;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO teams (name, slug) VALUES ($1, $2) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [`Bench team ${t}`, slug],
    );
    teamIds.push(rows[0].id);
  }
  for (const teamId of teamIds) {
    for (const id of BLUEPRINT_IDS) {
      await pool.query(`INSERT INTO blueprints (team_id, id, title, icon, schema) VALUES ($1, $2, $3, '🧩', $4) ON CONFLICT DO NOTHING`, [
        teamId,
        id,
        id[0].toUpperCase() + id.slice(1),
        JSON.stringify(BENCH_SCHEMA),
      ]);
    }
  }
  const plan = planDataset(total);
  let done = 0;
  const started = Date.now();
  for (const { team, blueprint, count } of plan) {
    for (let from = 1; from <= count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK - 1);
      await pool.query(ENTITIES_SQL, [teamIds[team], blueprint, from, to]);
      done += to - from + 1;
      if (done % 100_000 < to - from + 1 || done === total) {
        log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} entities (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
  }
  log('  VACUUM ANALYZE entities ...');
  await pool.query('VACUUM ANALYZE entities');
}
