import { spawn } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '@/lib/db/free-port';
import { ROOT, type BenchServer } from '../support/bench-server';
import { runLoad, type LoadRequest, type LoadResult } from '../support/load';
import type { Statement } from './measure-in-process';

// Throughput of one request through Baseplate against the bare server (bare-server.ts) running
// the same SQL, measured one after the other with the same load.

export type Comparison = { connections: number; seconds: number; baseplate: LoadResult; bare: LoadResult };

const CONNECTIONS = Number(process.env.BENCH_THROUGHPUT_CONNECTIONS ?? 16);
const SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);

export async function compareWithBareServer(
  server: BenchServer,
  request: LoadRequest,
  sql: Statement[],
  log: (line: string) => void,
): Promise<Comparison> {
  const port = await findFreePort();
  const bare = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'bench/search/bare-server.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PORT: String(port), DATABASE_URL: server.databaseUrl, BARE_SQL: JSON.stringify(sql) },
  });
  const exited = new Promise((r) => bare.once('exit', r));
  try {
    await new Promise<void>((resolve, reject) => {
      bare.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      bare.once('exit', () => reject(new Error('the bare server exited')));
    });
    const bareBase = `http://127.0.0.1:${port}`;
    const load = { connections: CONNECTIONS, seconds: SECONDS };
    await runLoad(bareBase, { method: 'GET', path: '/' }, { ...load, seconds: 2 });
    const bareResult = await runLoad(bareBase, { method: 'GET', path: '/' }, load);
    log(`bare node:http + pg: ${bareResult.perSecond} req/s, p95 ${bareResult.p95} ms`);
    await runLoad(server.base, request, { ...load, seconds: 2 });
    const baseplate = await runLoad(server.base, request, load);
    log(`Baseplate: ${baseplate.perSecond} req/s, p95 ${baseplate.p95} ms`);
    return { ...load, baseplate, bare: bareResult };
  } finally {
    bare.kill('SIGTERM');
    await exited;
  }
}
