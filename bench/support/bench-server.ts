import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@/lib/db/free-port';

// The real Baseplate server for a benchmark: `lib/cli/start.ts` (a production build) on its own
// embedded PostgreSQL in `dataDir`, with the API rate limit lifted so the client measures the
// server, not the limiter's 429s.

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type BenchServer = { base: string; pid: number; databaseUrl: string; stop: () => Promise<void> };

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export async function startBenchServer(dataDir: string): Promise<BenchServer> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = spawn(process.execPath, [...profile, '--import', 'tsx', 'lib/cli/start.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASEPLATE_DATA_DIR: dataDir,
      BASEPLATE_DEMO: 'false',
      DATABASE_URL: '',
      RATE_LIMIT_API_PER_MINUTE: '1000000',
    },
  });
  const exited = new Promise((r) => server.once('exit', r));
  try {
    const died = exited.then((code) => Promise.reject(new Error(`the server exited (code ${String(code)}) before answering`)));
    await Promise.race([waitFor(`${base}/api/v1/health`, 600_000), died]);
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }
  const runtime = JSON.parse(readFileSync(path.join(dataDir, 'runtime.json'), 'utf8')) as { pid: number; url: string };
  return {
    base,
    pid: runtime.pid,
    databaseUrl: runtime.url,
    stop: async () => {
      server.kill('SIGTERM');
      await exited;
    },
  };
}

/** The peak resident memory of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
