import { afterEach, describe, expect, it, vi } from 'vitest';
import { retryDelaySeconds } from './execute-webhook-step';

// Run tokens are derived from the run id under BASEPLATE_SECRET_KEY; webhook retries back off.

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function tokens(key: string) {
  vi.resetModules();
  vi.stubEnv('BASEPLATE_SECRET_KEY', key);
  return import('./run-token');
}

describe('run tokens', () => {
  it('are bprun_ and 48 hex, the same for a run under one key, different per run and per key', async () => {
    const a = await tokens('1'.repeat(64));
    const run = '0d4f3e1c-7a7b-4d39-9c1e-1f6b8a0f2c11';
    const token = a.runTokenOf(run);
    expect(token).toMatch(a.RUN_TOKEN_PATTERN);
    expect(a.runTokenOf(run)).toBe(token);
    expect(a.runTokenOf('9d4f3e1c-7a7b-4d39-9c1e-1f6b8a0f2c11')).not.toBe(token);
    expect(Buffer.from(a.runTokenHash(token)).toString('hex')).toHaveLength(64);
    const b = await tokens('2'.repeat(64));
    expect(b.runTokenOf(run)).not.toBe(token);
  });
});

describe('webhook retries', () => {
  it('wait base, 2 x base, 4 x base..., at most 5 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 5))).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(20, 5)).toBe(300);
  });
});
