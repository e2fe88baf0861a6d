import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, register } from './support/api';

// Issue 13: "restart Baseplate in the middle of a run: it resumes; no step runs twice unless it was
// not acknowledged". A server of its own (killing the suite's would fail everyone else's tests),
// started like `npm start`. A two-step run: step 0's webhook is answered, step 1's first request is
// held open, and while it is in flight the server and its PostgreSQL are killed (SIGKILL: no drain,
// as in a crash). Started again on the same data, the runner takes the run up at step 1 once its
// lease has passed: step 0 was acknowledged and is never sent again, step 1 (never answered) is
// sent once more, and the run succeeds. Named *.spec.ts (not .api): it runs once, not per project.

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const dataDir = mkdtempSync(path.join(tmpdir(), 'baseplate-restart-'));
let server: ChildProcess | null = null;
let log = '';
let base = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function startServer(port: number): Promise<void> {
  log = '';
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'lib/cli/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASEPLATE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      BASEPLATE_DEMO: 'false',
      BASEPLATE_OUTBOUND_ALLOW: '127.0.0.1/32',
      RATE_LIMIT_AUTH_PER_IP_PER_MINUTE: '100000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, as under a supervisor: the last test signals the whole group.
    detached: true,
  });
  server.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await expect.poll(() => log, { timeout: 150_000, message: 'the server starts' }).toContain('Baseplate is running');
}

/**
 * A crash: Baseplate (the process tsx runs, named in runtime.json; not tsx itself) and its
 * PostgreSQL killed at once, nothing drained.
 */
async function crash(): Promise<void> {
  const baseplate = baseplatePid()!;
  const postmaster = Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const exited = new Promise((resolve) => server!.once('exit', resolve));
  process.kill(baseplate, 'SIGKILL');
  process.kill(postmaster, 'SIGKILL');
  await exited;
  await expect.poll(() => isAlive(baseplate) || isAlive(postmaster), { message: 'Baseplate and its PostgreSQL are gone' }).toBe(false);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Baseplate's own pid (runtime.json), or null before it first started. */
function baseplatePid(): number | null {
  try {
    return (JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { pid: number }).pid;
  } catch {
    return null;
  }
}

/**
 * SIGTERM to Baseplate itself (tsx does not always pass it on when a test failed half way): it
 * drains and stops its PostgreSQL, and no process outlives the test.
 */
async function stopServer(): Promise<void> {
  const pid = baseplatePid();
  if (pid !== null && isAlive(pid)) {
    process.kill(pid, 'SIGTERM');
    await expect.poll(() => isAlive(pid), { timeout: 60_000, message: 'Baseplate stops' }).toBe(false);
  }
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

test.afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a run interrupted by a crash resumes after the restart: the acknowledged step is not sent again', async () => {
  const hits = { step0: 0, step1: 0 };
  let holdStep1 = true;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/step0') {
        hits.step0++;
        res.writeHead(200).end('step 0 done');
      } else if (req.url === '/step1') {
        hits.step1++;
        if (holdStep1) return; // in flight when the server dies: never answered
        res.writeHead(200).end('step 1 done');
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}`;
  let api: APIRequestContext | null = null;
  try {
    const port = await freePort();
    await startServer(port);
    api = await playwrightRequest.newContext({ baseURL: base, timeout: 20_000 });
    const owner = await register(api, 'restart');
    const team = await createTeam(api, owner.token);
    await createBlueprint(api, owner.token, team.slug, { id: 'service' });
    const entities = `/teams/${team.slug}/blueprints/service/entities`;
    expect((await call(api, 'POST', entities, { token: owner.token, body: { identifier: 'svc', data: {} } })).status()).toBe(201);
    const action = {
      identifier: 'two-steps',
      title: 'Two steps',
      blueprint: 'service',
      trigger: 'day-2',
      user_inputs: { type: 'object', properties: {} },
      // A short timeout keeps the step's lease (timeout + 60 s) and so the test short.
      steps: [
        { type: 'webhook', method: 'POST', url: `${hook}/step0`, timeout_ms: 2000, retries: 0 },
        { type: 'webhook', method: 'POST', url: `${hook}/step1`, timeout_ms: 2000, retries: 3 },
      ],
    };
    expect((await call(api, 'POST', `/teams/${team.slug}/actions`, { token: owner.token, body: action })).status()).toBe(201);
    const asked = await call(api, 'POST', `/teams/${team.slug}/actions/two-steps/runs`, {
      token: owner.token,
      body: { entity: 'svc', inputs: {} },
    });
    expect(asked.status()).toBe(202);
    const runPath = `/teams/${team.slug}/runs/${((await asked.json()) as { id: string }).id}`;

    await expect.poll(() => hits.step1, { timeout: 60_000, message: 'step 1 is in flight' }).toBe(1);
    await crash();
    await api.dispose();
    api = null;

    holdStep1 = false;
    await startServer(port);
    api = await playwrightRequest.newContext({ baseURL: base, timeout: 20_000 });
    const token = owner.token;
    const statusOf = async () => ((await (await call(api!, 'GET', runPath, { token })).json()) as { status: string }).status;
    await expect.poll(statusOf, { timeout: 200_000, intervals: [2000], message: 'the run resumes and succeeds' }).toBe('succeeded');
    expect(hits).toEqual({ step0: 1, step1: 2 });
    const run = (await (await call(api, 'GET', runPath, { token })).json()) as { steps: { status: string }[] };
    expect(run.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
  } finally {
    await api?.dispose();
    receiver.closeAllConnections();
    receiver.close();
  }
});

// systemd's default (KillMode=control-group) and `kill -TERM -<pgid>` signal every process of the
// group at once: the job worker and the embedded PostgreSQL stop by themselves while Baseplate
// drains. Seen in CI before the fix: the worker and the database were started again mid-shutdown.
test('a SIGTERM to the whole process group stops everything once: nothing is started again', async () => {
  await stopServer(); // the one the test above left running
  await startServer(await freePort());
  const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
  process.kill(-server!.pid!, 'SIGTERM');
  expect(await exited, log).toBe(0);
  expect(log).toContain('SIGTERM: shutting down');
  expect(log).toContain('stopping the embedded PostgreSQL');
  expect(log).not.toContain('starting a new one');
  expect(log).not.toContain('restarting it');
  expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), 'the PostgreSQL is stopped').toBe(false);
});
