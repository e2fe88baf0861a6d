import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { allowOnlyParams, checkPathParams, dateParam } from './query-params';

const url = (query: string) => new URL(`http://localhost/api/v1/x${query}`);

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('allowOnlyParams', () => {
  it('refuses a percent-encoded NUL in any value with 400 naming the parameter', () => {
    const error = thrown(() => allowOnlyParams(url('?q=ab%00c&limit=5'), ['q', 'limit']));
    expect(error.status).toBe(400);
    expect(error.message).toContain('"q"');
    expect(() => allowOnlyParams(url('?q=abc&limit=5'), ['q', 'limit'])).not.toThrow();
  });
});

describe('checkPathParams', () => {
  it('answers 404 for a path segment holding a NUL', () => {
    expect(thrown(() => checkPathParams({ team: 'acme\u0000' })).status).toBe(404);
    expect(() => checkPathParams({ team: 'acme', blueprint: 'service' })).not.toThrow();
  });
});

describe('dateParam', () => {
  it.each(['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '10000-01-01T00:00:00Z'])(
    'refuses %s with 400',
    (raw) => {
      expect(thrown(() => dateParam(url(`?since=${encodeURIComponent(raw)}`), 'since')).code).toBe('bad_request');
    },
  );

  it('accepts a timestamp of this era', () => {
    expect(dateParam(url('?since=2026-01-01T00:00:00Z'), 'since')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
