import { runLoad, type LoadResult } from '../support/load';
import type { BenchCase } from './bench-cases';
import type { InProcess, InProcessResult } from './measure-in-process';

// One measurement loop for every suite: each case is checked once (a non-2xx answer stops the
// run), then timed in-process (raw SQL and service) and over HTTP after a one-second warm-up.

export type CaseResult = { name: string; goalMs: number | null; http: LoadResult; inProcess: InProcessResult; answer: unknown };

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

export async function measureCases(
  base: string,
  auth: Record<string, string>,
  cases: BenchCase[],
  inProcessRuns: InProcess,
  load: { connections: number; seconds: number },
  log: (line: string) => void,
): Promise<CaseResult[]> {
  const rows: CaseResult[] = [];
  for (const c of cases) {
    const request = { ...c.request, headers: auth };
    const check = await fetch(base + request.path, {
      method: request.method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: request.body ? JSON.stringify(request.body) : undefined,
    });
    if (!check.ok) throw new Error(`${c.name}: ${check.status} ${await check.text()}`);
    const answer: unknown = await check.json();
    const inProcess = await inProcessRuns.measure(c);
    await runLoad(base, request, { connections: load.connections, seconds: 1 }); // warm-up
    const http = await runLoad(base, request, load);
    log(
      `${c.name}: sql p95 ${ms(inProcess.sql.p95)} ms, service p95 ${ms(inProcess.service.p95)} ms, http p95 ${ms(http.p95)} ms (${http.perSecond}/s)`,
    );
    rows.push({ name: c.name, goalMs: c.goalMs, http, inProcess, answer });
  }
  return rows;
}

/** The latency table both reports share. */
export function latencyTable(rows: CaseResult[]): string[] {
  return [
    '| query family | raw SQL p50 / p95 | service p50 / p95 | HTTP p50 / p95 | HTTP req/s | goal (HTTP p95) |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const met = r.goalMs === null ? '' : r.http.p95 <= r.goalMs ? ` ✅ < ${r.goalMs} ms` : ` ❌ < ${r.goalMs} ms`;
      return `| ${r.name} | ${ms(r.inProcess.sql.p50)} / ${ms(r.inProcess.sql.p95)} ms | ${ms(r.inProcess.service.p50)} / ${ms(r.inProcess.service.p95)} ms | ${ms(r.http.p50)} / ${ms(r.http.p95)} ms | ${r.http.perSecond} |${met} |`;
    }),
  ];
}
