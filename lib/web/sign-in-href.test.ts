import { describe, expect, it } from 'vitest';
import { pagePathOf, signInHref } from './sign-in-href';

describe('signInHref', () => {
  it('carries the deep link, path and query, encoded', () => {
    const href = signInHref('/t/acme/blueprints/service?view=abc&q=a%20b');
    expect(href).toBe(`/login?callbackUrl=${encodeURIComponent('/t/acme/blueprints/service?view=abc&q=a%20b')}`);
    expect(new URL(href, 'http://x').searchParams.get('callbackUrl')).toBe('/t/acme/blueprints/service?view=abc&q=a%20b');
  });

  it('leaves the default landing page off, and to the register page too', () => {
    expect(signInHref('/')).toBe('/login');
    expect(signInHref(null)).toBe('/login');
    expect(signInHref('/t/acme', '/register')).toBe('/register?callbackUrl=%2Ft%2Facme');
  });

  it.each(['//evil.com', '/\\evil.com', 'https://evil.com/x', 'javascript:alert(1)'])('drops a hostile %j', (value) => {
    expect(signInHref(value)).toBe('/login');
  });
});

describe('pagePathOf', () => {
  it("removes Next.js's RSC marker and keeps the rest of the query", () => {
    expect(pagePathOf('/t/acme/blueprints/service?view=1&_rsc=x1y2')).toBe('/t/acme/blueprints/service?view=1');
    expect(pagePathOf('/t/acme?_rsc=abc')).toBe('/t/acme');
  });

  it('keeps the query exactly as written (no re-encoding of %20 as +)', () => {
    expect(pagePathOf('/t/acme/blueprints/service?q=check%20out&_rsc=1&sort=-identifier')).toBe(
      '/t/acme/blueprints/service?q=check%20out&sort=-identifier',
    );
  });

  it('answers / for no header or a header that is no path', () => {
    expect(pagePathOf(null)).toBe('/');
    expect(pagePathOf('//evil.com')).toBe('/');
  });
});
