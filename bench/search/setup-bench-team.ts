import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generateDataset } from './generate-dataset';

// The benchmark's tenant, made through the real API (a user, the team `bench`, an API key that
// can read the catalog), then the dataset generated in SQL around it. Both are kept in the data
// folder, so a second run on the same size reuses them instead of generating again.

export type BenchTeam = { teamId: string; apiKey: string; entities: number };

async function call<T>(base: string, method: string, route: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function setupBenchTeam(base: string, databaseUrl: string, dataDir: string, total: number, log: (line: string) => void): Promise<BenchTeam> {
  const stateFile = path.join(dataDir, 'bench-team.json');
  if (existsSync(stateFile)) {
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as BenchTeam;
    if (state.entities === total) {
      log(`Reusing the generated dataset in ${dataDir} (${total.toLocaleString('en')} entities).`);
      return state;
    }
    throw new Error(`${dataDir} holds a dataset of ${state.entities} entities; remove it or choose BENCH_ENTITIES=${state.entities}.`);
  }
  const { token } = await call<{ token: string }>(base, 'POST', '/api/v1/auth/register', { email: 'bench@example.com', password: 'bench-password', name: 'Bench' });
  const team = await call<{ id: string }>(base, 'POST', '/api/v1/teams', { name: 'Bench', slug: 'bench' }, token);
  const { key } = await call<{ key: string }>(base, 'POST', '/api/v1/teams/bench/api-keys', { name: 'bench', permissions: ['blueprint:read', 'entity:read'] }, token);
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
  return state;
}
