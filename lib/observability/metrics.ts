import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

// The server's Prometheus metrics: requests by route pattern, method and status, their latency,
// the database pool, and Node's own (event-loop lag, memory, GC, handles) from prom-client's
// defaults. Labels are route patterns, never raw paths: one series per route, not per entity.

export type PoolStats = { total: number; idle: number; waiting: number };

export type RequestSample = { method: string; route: string; status: number; seconds: number };

export type Metrics = {
  registry: Registry;
  observeRequest(sample: RequestSample): void;
};

// Methods outside this list (a scanner's PROPFIND...) share one label: unbounded label values
// would let any client grow the scrape without limit.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function createMetrics(poolStats: () => PoolStats | null, registry = new Registry()): Metrics {
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'baseplate_http_requests_total',
    help: 'HTTP requests served, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'baseplate_http_request_duration_seconds',
    help: 'Time from request to the end of the response, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'baseplate_db_pool_connections',
    help: 'Database pool connections: in_use (checked out), idle, and waiting (requests queued for one)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (!stats) return; // no database client yet (nothing has queried)
      this.set({ state: 'in_use' }, stats.total - stats.idle);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  return {
    registry,
    observeRequest({ method, route, status, seconds }) {
      const m = KNOWN_METHODS.has(method) ? method : 'OTHER';
      requests.inc({ method: m, route, status: String(status) });
      duration.observe({ method: m, route }, seconds);
    },
  };
}
