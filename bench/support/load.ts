import autocannon from 'autocannon';
import { percentile } from './stats';

// One HTTP load run with autocannon: `connections` keep-alive clients send the same request for
// `seconds`. Every response's time is kept, so p50/p95 are exact rather than autocannon's
// histogram buckets (which have no p95).

export type LoadRequest = { method: 'GET' | 'POST'; path: string; body?: unknown; headers?: Record<string, string> };
export type LoadResult = { requests: number; perSecond: number; p50: number; p95: number; non2xx: number };

export async function runLoad(base: string, request: LoadRequest, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const times: number[] = [];
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: base + request.path,
        method: request.method,
        headers: { ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        connections: options.connections,
        duration: options.seconds,
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    );
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await done;
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / options.seconds),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    non2xx: result.non2xx + result.errors + result.timeouts,
  };
}
