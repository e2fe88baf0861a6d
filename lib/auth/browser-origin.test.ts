import { describe, expect, it } from 'vitest';
import { withBrowserOrigin } from './browser-origin';

describe('withBrowserOrigin', () => {
  it("gives the callback request the browser's origin (Host, X-Forwarded-Proto), keeping path and query", () => {
    const request = new Request('http://localhost:3000/api/auth/callback/oidc?code=abc&state=s', {
      headers: { host: '127.0.0.1:4000', 'x-forwarded-proto': 'http' },
    });
    expect(withBrowserOrigin(request).url).toBe('http://127.0.0.1:4000/api/auth/callback/oidc?code=abc&state=s');
  });

  it('keeps the URL as it is when there is no Host header', () => {
    const request = new Request('http://localhost:3000/api/auth/session');
    expect(withBrowserOrigin(request).url).toBe('http://localhost:3000/api/auth/session');
  });
});
