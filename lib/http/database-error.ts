import { sqlStateOf } from '@/lib/db/sql-state';
import { AppError } from '@/lib/errors';

// What a database failure means for the caller. Raw SQL (pg) reports SQLSTATE codes in `code`;
// Prisma wraps them (P2002, P2025, or a driver-adapter error whose `cause` holds the SQLSTATE).
// A fault the caller can fix is a 4xx; the database being out of reach, busy, or a statement out
// of time is a 503 with Retry-After (the caller may retry; nothing was written). Anything else is
// left to the edge, which answers a bare 500.

const RETRY_AFTER = { 'Retry-After': '5' };

const CONNECTION_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connect ECONNREFUSED',
  'ECONNRESET',
  'Client has encountered a connection error',
  'the database system is',
  "Can't reach database server",
];

/** Whether the error says the database cannot be reached (down, restarting, pool exhausted). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state && (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03' || state === '53300')) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE') return true;
  const text = `${(error as Error)?.message ?? ''} ${(error as { cause?: Error })?.cause?.message ?? ''}`;
  return CONNECTION_MESSAGES.some((m) => text.includes(m));
}

/** The AppError a database failure stands for, or undefined for a genuine internal fault. */
export function databaseErrorToAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const prismaCode = (error as { code?: unknown })?.code;
  if (prismaCode === 'P2002')
    return new AppError('conflict', 'a resource with these identifying fields already exists', { reason: 'unique_violation' });
  if (prismaCode === 'P2025') return new AppError('not_found', 'not found');
  if (isDatabaseUnavailable(error)) {
    return new AppError(
      'service_unavailable',
      'the database is unavailable; retry shortly',
      { reason: 'database_unavailable' },
      RETRY_AFTER,
    );
  }
  switch (sqlStateOf(error)) {
    case '23505':
      return new AppError('conflict', 'a resource with these identifying fields already exists', { reason: 'unique_violation' });
    case '23503':
      return new AppError('conflict', 'a referenced resource does not exist or is still referenced', { reason: 'foreign_key_violation' });
    case '23502':
    case '23514':
      return new AppError('validation_failed', 'a value breaks a rule of the database', [
        { path: '/', message: 'breaks a database constraint' },
      ]);
    case '22P02':
    case '22021':
    case '22P05':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
      return new AppError('bad_request', 'a value in the request cannot be stored or compared (bad text, number or date)', {
        reason: 'invalid_value',
      });
    case '40001':
    case '40P01':
      return new AppError(
        'service_unavailable',
        'the request collided with a concurrent one; retry',
        { reason: 'write_conflict' },
        { 'Retry-After': '1' },
      );
    case '57014':
      return new AppError(
        'service_unavailable',
        'the request took longer than its time budget',
        { reason: 'statement_timeout' },
        RETRY_AFTER,
      );
    case '53200':
    case '54001':
      return new AppError('bad_request', 'the request is too expensive for the database', { reason: 'query_too_expensive' });
    default:
      return undefined;
  }
}
