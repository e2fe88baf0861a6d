import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generateDataset, TEAM_COUNT } from './generate-dataset';
import { generateRelations, RELATIONS_VERSION } from './generate-relations';

// The benchmark's tenant, made through the real API (a user, the team `bench`, an API key that
// can read the catalog), then the dataset generated in SQL around it. Both are kept in the data
// folder, so a second run on the same size reuses them instead of generating again. The links
// (generate-relations.ts) are versioned: a cached dataset whose `relationsVersion` is not
// RELATIONS_VERSION (one made before relations has none) gets its links regenerated, not reused.

export type BenchTeam = { teamId: string; apiKey: string; entities: number; relationsVersion?: number; links?: number };

/** The dataset's teams, the bench team first (generate-dataset.ts names the others by slug). */
async function teamIdsOf(pool: pg.Pool, benchTeamId: string): Promise<string[]> {
  const slugs = Array.from({ length: TEAM_COUNT - 1 }, (_, t) => `bench-other-${String(t + 1).padStart(2, '0')}`);
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM teams WHERE slug = ANY($1::text[]) ORDER BY slug', [slugs]);
  if (rows.length !== slugs.length) throw new Error(`expected ${slugs.length} other bench teams, found ${rows.length}`);
  return [benchTeamId, ...rows.map((r) => r.id)];
}

async function addRelations(databaseUrl: string, stateFile: string, state: BenchTeam, log: (line: string) => void): Promise<BenchTeam> {
  log(`Generating the relations (version ${RELATIONS_VERSION}) in SQL ...`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const started = Date.now();
  try {
    const links = await generateRelations(pool, await teamIdsOf(pool, state.teamId), log);
    log(`  ${links.toLocaleString('en')} links generated in ${Math.round((Date.now() - started) / 1000)} s`);
    const next: BenchTeam = { ...state, relationsVersion: RELATIONS_VERSION, links };
    writeFileSync(stateFile, JSON.stringify(next, null, 2), { mode: 0o600 });
    return next;
  } finally {
    await pool.end();
  }
}

async function call<T>(base: string, method: string, route: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function setupBenchTeam(
  base: string,
  databaseUrl: string,
  dataDir: string,
  total: number,
  log: (line: string) => void,
): Promise<BenchTeam> {
  const stateFile = path.join(dataDir, 'bench-team.json');
  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as BenchTeam;
    if (state.entities === total) {
      log(`Reusing the generated dataset in ${dataDir} (${total.toLocaleString('en')} entities).`);
      return state.relationsVersion === RELATIONS_VERSION ? state : addRelations(databaseUrl, stateFile, state, log);
    }
    throw new Error(`${dataDir} holds a dataset of ${state.entities} entities; remove it or choose BENCH_ENTITIES=${state.entities}.`);
  }
  const { token } = await call<{ token: string }>(base, 'POST', '/api/v1/auth/register', {
    email: 'bench@example.com',
    password: 'bench-password',
    name: 'Bench',
  });
  const team = await call<{ id: string }>(base, 'POST', '/api/v1/teams', { name: 'Bench', slug: 'bench' }, token);
  const { key } = await call<{ key: string }>(
    base,
    'POST',
    '/api/v1/teams/bench/api-keys',
    { name: 'bench', permissions: ['blueprint:read', 'entity:read'] },
    token,
  );
  log(`Generating ${total.toLocaleString('en')} entities in SQL ...`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const started = Date.now();
  try {
    await generateDataset(pool, team.id, total, log);
  } finally {
    await pool.end();
  }
  log(`  generated in ${Math.round((Date.now() - started) / 1000)} s`);
  const state: BenchTeam = { teamId: team.id, apiKey: key, entities: total };
  writeFileSync(stateFile, JSON.stringify(state, null, 2), { mode: 0o600 });
  return addRelations(databaseUrl, stateFile, state, log);
}
