import { describe, expect, it } from 'vitest';
import { expiresAtFor } from './expiry';

describe('expiresAtFor', () => {
  it('is null for a key that never expires', () => {
    expect(expiresAtFor(0)).toBeNull();
  });

  it('ends at the end of the day N days later, in UTC, across a month end', () => {
    expect(expiresAtFor(30, new Date('2026-01-15T09:30:00Z'))).toBe('2026-02-14T23:59:59.000Z');
    expect(expiresAtFor(1, new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01T23:59:59.000Z');
  });
});
