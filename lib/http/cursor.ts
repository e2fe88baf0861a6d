import { AppError } from '@/lib/errors';

// Opaque keyset cursors: the sort key of the last row of a page, as base64url JSON. Clients pass
// them back untouched; a cursor that does not decode is a 400, never a 500.

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through
  }
  throw new AppError('bad_request', 'cursor is not valid (pass back the next_cursor of the previous page)');
}
