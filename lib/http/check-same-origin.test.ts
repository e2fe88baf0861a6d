import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { checkSameOrigin } from './check-same-origin';

// Cookie writes need an Origin (or Referer) of this very host; a bad one is a 403, never a 500,
// and X-Forwarded-Host counts only when the peer is a trusted proxy.

const session: Actor = { kind: 'user', userId: 'u', email: 'a@b.c', name: null, via: 'session' };
const token: Actor = { ...session, via: 'token' };

function post(headers: Record<string, string>): Request {
  return new Request('http://app.local/api/v1/teams', {
    method: 'POST',
    headers: { host: 'app.local', 'x-baseplate-client-ip': '10.0.0.2', ...headers },
  });
}

function refused(fn: () => void): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(403);
}

describe('checkSameOrigin', () => {
  it('lets a same-origin write through, by Origin or by Referer', () => {
    expect(() => checkSameOrigin(post({ origin: 'http://app.local' }), session, [])).not.toThrow();
    expect(() => checkSameOrigin(post({ referer: 'http://app.local/t/acme' }), session, [])).not.toThrow();
  });

  it.each(['null', 'not a url', 'http://', '://x', 'data:text/html,x', 'http://evil.example', 'http://app.local.evil.example'])(
    'refuses Origin %j with 403',
    (origin) => refused(() => checkSameOrigin(post({ origin }), session, [])),
  );

  it('refuses a write without Origin or Referer', () => refused(() => checkSameOrigin(post({}), session, [])));

  it('believes X-Forwarded-Host only from a trusted proxy', () => {
    const headers = { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' };
    refused(() => checkSameOrigin(post(headers), session, []));
    refused(() => checkSameOrigin(post(headers), session, ['10.0.0.9']));
    expect(() => checkSameOrigin(post(headers), session, ['10.0.0.2'])).not.toThrow();
  });

  it('does not apply to bearer credentials or to safe methods', () => {
    expect(() => checkSameOrigin(post({ origin: 'null' }), token, [])).not.toThrow();
    const get = new Request('http://app.local/x', { headers: { host: 'app.local', origin: 'null' } });
    expect(() => checkSameOrigin(get, session, [])).not.toThrow();
  });
});
