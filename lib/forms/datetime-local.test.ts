import { describe, expect, it } from 'vitest';
import { createAjv } from '@/lib/validation/create-ajv';
import { isoToLocalInput, localInputToIso } from './datetime-local';

describe('datetime-local conversion', () => {
  it('round-trips through the local input value', () => {
    const iso = '2026-11-28T13:54:00.000Z';
    const local = isoToLocalInput(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(localInputToIso(local!)).toBe(iso);
    expect(isoToLocalInput('2026-11-28T13:54:07Z')).toMatch(/:07$/);
  });

  it('produces a value the server ajv accepts as date-time', () => {
    const validate = createAjv().compile({ type: 'string', format: 'date-time' });
    expect(validate(localInputToIso('2026-01-02T03:04'))).toBe(true);
  });

  it('handles empty and unparsable values', () => {
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('nope')).toBeUndefined();
    expect(isoToLocalInput('yesterday')).toBeNull();
  });
});
