import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { log } from '@/lib/observability/logger';
import { databaseErrorToAppError } from './database-error';

// The only place errors become HTTP: AppError keeps its code; database faults are mapped by
// database-error.ts (a unique violation 409, the database out of reach 503 with Retry-After...);
// anything else is a bare 500 whose details stay in the server log under the request id (never
// SQL, a stack or a database message in the response).

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>): Response {
  const error: Record<string, unknown> = { code, message };
  if (details !== undefined) error.details = details;
  return Response.json({ error }, { status: ERROR_STATUS[code], headers });
}

export function toErrorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  const known = databaseErrorToAppError(error);
  if (known) return errorResponse(known.code, known.message, known.details, { ...headers, ...known.headers });
  log().error({ err: error, reqId: requestId }, 'request failed');
  return errorResponse('internal', `internal error (request ${requestId})`, undefined, headers);
}
