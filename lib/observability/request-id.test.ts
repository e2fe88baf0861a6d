import { describe, expect, it } from 'vitest';
import { runWithRequestStore } from './request-context';
import { assignRequestId, requestIdFor, sanitizeRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sanitizeRequestId', () => {
  it('keeps a plain token of up to 64 characters', () => {
    for (const id of ['abc', 'trace-1.2_3', 'A'.repeat(64), '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      expect(sanitizeRequestId(id)).toBe(id);
    }
  });

  it('refuses anything that could forge a log line, a header or overflow the audit column', () => {
    const hostile = ['', 'A'.repeat(65), 'a b', 'a\nreqId=forged', 'a\r\nx: y', '"quoted"', 'a/b', 'é', 'a\u0000'];
    for (const id of hostile) expect(sanitizeRequestId(id), JSON.stringify(id)).toBeNull();
    expect(sanitizeRequestId(['a', 'b'])).toBeNull(); // a repeated header
    expect(sanitizeRequestId(undefined)).toBeNull();
    expect(sanitizeRequestId(null)).toBeNull();
  });
});

describe('assignRequestId / requestIdFor', () => {
  it('generates a UUID when the caller sent none or a bad one', () => {
    expect(assignRequestId(undefined)).toMatch(UUID);
    expect(assignRequestId('bad id')).toMatch(UUID);
    expect(assignRequestId('good-id')).toBe('good-id');
  });

  it("prefers the server's id for the request over the header", () => {
    const id = runWithRequestStore({ requestId: 'from-server', route: '/x' }, () => requestIdFor('from-header'));
    expect(id).toBe('from-server');
    expect(requestIdFor('from-header')).toBe('from-header');
  });
});
