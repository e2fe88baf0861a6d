import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerJobMetrics } from './job-metrics';

describe('registerJobMetrics', () => {
  it('renders waiting, running and failed jobs by kind, not completed ones', async () => {
    const registry = new Registry();
    registerJobMetrics(registry, async () => [
      { name: 'scorecard-recompute', state: 'created', count: 4 },
      { name: 'scorecard-recompute', state: 'active', count: 1 },
      { name: 'scorecard-recompute', state: 'completed', count: 90 },
      { name: 'export', state: 'failed', count: 2 },
    ]);
    const text = await registry.metrics();
    expect(text).toContain('baseplate_jobs{queue="scorecard-recompute",state="created"} 4');
    expect(text).toContain('baseplate_jobs{queue="scorecard-recompute",state="active"} 1');
    expect(text).toContain('baseplate_jobs{queue="export",state="failed"} 2');
    expect(text).not.toContain('state="completed"');
  });

  it('leaves the series out when no queue runs in the process', async () => {
    const registry = new Registry();
    registerJobMetrics(registry, async () => null);
    expect(await registry.metrics()).not.toMatch(/^baseplate_jobs\{/m);
  });
});
