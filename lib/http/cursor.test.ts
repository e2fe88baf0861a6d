import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursors', () => {
  it('round-trip the sort key of a row', () => {
    const key = ['2026-11-28T10:00:00.123Z', '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d'];
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // opaque and URL-safe
    expect(decodeCursor(cursor, 2)).toEqual(key);
  });

  it.each(['not-base64-json', encodeCursor(['only one']), Buffer.from('{"a":1}').toString('base64url'), ''])(
    'reject a cursor that is not theirs (%s) with a 400',
    (cursor) => {
      try {
        decodeCursor(cursor, 2);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
      }
    },
  );
});
