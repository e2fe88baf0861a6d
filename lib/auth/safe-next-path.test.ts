import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it.each([
    ['/t/acme/catalog?q=1#top', '/t/acme/catalog?q=1#top'],
    ['/', '/'],
    ['/t/acme/../acme/audit', '/t/acme/audit'],
  ])('keeps the same-site path %j', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    '/\\example.org/x',
    '/\\evil.com',
    '//evil.com',
    '//evil.com/t/acme',
    'https://evil.com/t/acme/catalog?q=1',
    'http://127.0.0.1:3000/t/acme',
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' /t/acme',
    ['/t/acme'],
    '\\\\example.org',
    '//example.org',
    '/\t/example.org',
    '/.//example.org',
    'https://example.org/',
    'javascript:alert(1)',
    'example.org',
    '',
    null,
    undefined,
    42,
  ])('sends %j to / instead', (value) => {
    expect(safeNextPath(value)).toBe('/');
  });
});
