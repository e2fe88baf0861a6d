import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { API, call, createApiKey, createBlueprint, createTeam, expectError, register } from './support/api';

// The database going away, for real: a server of its own (stopping the suite's database would
// fail everyone else's tests), started like `npm start` with its embedded PostgreSQL, on the
// path of the running project (direct dispatcher, or Next.js only). The postmaster is killed under
// a bounded write load: writes answer 503 with Retry-After, none hangs, the supervisor brings the
// database back and writes succeed again in the same process, and every write answered 2xx is
// there. Then SIGTERM with a request in flight: it is answered before the database stops.

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let server: ChildProcess;
let dataDir: string;
let base: string;
let api: APIRequestContext;
let log = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'baseplate-outage-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'lib/cli/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASEPLATE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      BASEPLATE_DEMO: 'false',
      BASEPLATE_DIRECT_API: test.info().project.name === 'next-only' ? 'false' : 'true',
      RATE_LIMIT_AUTH_PER_IP_PER_MINUTE: '100000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await expect.poll(() => log, { timeout: 150_000, message: 'the server starts' }).toContain('Baseplate is running');
  api = await playwrightRequest.newContext({ baseURL: base, timeout: 20_000 });
});

test.afterAll(async () => {
  await api?.dispose();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

test('the database killed under write load: 503 with Retry-After, no hang, recovery in the same process, every 2xx write kept', async () => {
  const owner = await register(api, 'outage');
  const team = await createTeam(api, owner.token);
  await createBlueprint(api, owner.token, team.slug, { id: 'service' });
  const { key } = await createApiKey(api, owner.token, team.slug, ['entity:read', 'entity:write']);
  const entities = `/teams/${team.slug}/blueprints/service/entities`;

  const created: string[] = [];
  const statuses: number[] = [];
  let successesAfterOutage = 0;
  let seen503 = false;
  let killed = false;
  // Four writers, one request each at a time: a bounded load. Each request times out at 20 s: a
  // hung request fails the test.
  const writer = async (w: number) => {
    for (let i = 0; successesAfterOutage < 20; i++) {
      const identifier = `w${w}-${i}`;
      const response = await call(api, 'POST', entities, { token: key, body: { identifier, data: {} } });
      statuses.push(response.status());
      if (response.status() === 201) {
        created.push(identifier);
        if (seen503) successesAfterOutage++;
      } else {
        const body = await expectError(response, 503, `write ${identifier}`);
        expect(body.error.code).toBe('service_unavailable');
        expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
        seen503 = true;
      }
      if (!killed && created.length >= 20) {
        killed = true;
        process.kill(postmasterPid(), 'SIGKILL');
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));

  expect(new Set(statuses)).toEqual(new Set([201, 503]));
  expect(server.exitCode).toBeNull(); // recovered without a restart of Baseplate
  expect(log).toContain('the embedded PostgreSQL is back');
  const { url } = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { url: string };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ identifier: string }>('SELECT e.identifier FROM entities e WHERE e.identifier = ANY($1)', [
      created,
    ]);
    expect(rows.map((r) => r.identifier).sort()).toEqual([...created].sort());
  } finally {
    await client.end();
  }
});

test('SIGTERM with a request in flight: it is answered, then the database stops and the process exits 0', async () => {
  const owner = await register(api, 'drain');
  const team = await createTeam(api, owner.token);
  await createBlueprint(api, owner.token, team.slug, { id: 'service' });
  const body = JSON.stringify({ identifier: 'in-flight', data: {} });
  // The request's head is sent with `Expect: 100-continue`: Node answers 100 once it has handed the
  // request to Baseplate, which then waits for the body. Only then SIGTERM, then the body: the write
  // happens while the server drains.
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(`${base}${API}/teams/${team.slug}/blueprints/service/entities`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner.token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.on('continue', () => {
      server.kill('SIGTERM');
      void expect
        .poll(() => log, { timeout: 30_000 })
        .toContain('SIGTERM: shutting down')
        .then(() => req.end(body), reject);
    });
    req.flushHeaders();
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  const result = await answered.catch((error: Error) => {
    throw new Error(`${error.message}; the server said:\n${log.slice(-3000)}`);
  });
  expect(result.status, result.text).toBe(201);
  expect(await exited).toBe(0);
  expect(log.indexOf('stopping the embedded PostgreSQL')).toBeGreaterThan(log.indexOf('SIGTERM: shutting down'));
});
