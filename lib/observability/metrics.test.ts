import { describe, expect, it } from 'vitest';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('renders requests by method, route pattern and status, latency buckets and the pool', async () => {
    const metrics = createMetrics(() => ({ total: 7, idle: 4, waiting: 2 }));
    metrics.observeRequest({ method: 'GET', route: '/api/v1/teams/[team]/members', status: 200, seconds: 0.02 });
    metrics.observeRequest({ method: 'GET', route: '/api/v1/teams/[team]/members', status: 200, seconds: 0.3 });
    metrics.observeRequest({ method: 'PROPFIND', route: 'other', status: 404, seconds: 0.001 });
    const text = await metrics.registry.metrics();

    const members = 'route="/api/v1/teams/[team]/members"';
    expect(text).toContain(`baseplate_http_requests_total{method="GET",${members},status="200"} 2`);
    expect(text).toContain('baseplate_http_requests_total{method="OTHER",route="other",status="404"} 1');
    expect(text).toContain(`baseplate_http_request_duration_seconds_bucket{le="0.025",method="GET",${members}} 1`);
    expect(text).toContain(`baseplate_http_request_duration_seconds_count{method="GET",${members}} 2`);
    expect(text).toContain('baseplate_db_pool_connections{state="in_use"} 3');
    expect(text).toContain('baseplate_db_pool_connections{state="idle"} 4');
    expect(text).toContain('baseplate_db_pool_connections{state="waiting"} 2');
    // Node's own: event-loop lag and memory.
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('leaves the pool out before the database is first used', async () => {
    const text = await createMetrics(() => null).registry.metrics();
    expect(text).not.toMatch(/^baseplate_db_pool_connections\{/m);
  });
});
