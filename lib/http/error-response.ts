import { AppError, ERROR_STATUS, type ErrorCode } from '@/lib/errors';

// The only place errors become HTTP: AppError keeps its code; Prisma's unique violation is a 409
// and its "record not found" a 404; anything else is a bare 500 whose details stay in the server
// log under the request id (never SQL, a stack or a database message in the response).

export function errorResponse(code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>): Response {
  const error: Record<string, unknown> = { code, message };
  if (details !== undefined) error.details = details;
  return Response.json({ error }, { status: ERROR_STATUS[code], headers });
}

export function toErrorResponse(error: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  if (error instanceof AppError) {
    return errorResponse(error.code, error.message, error.details, { ...headers, ...error.headers });
  }
  const prismaCode = (error as { code?: unknown })?.code;
  if (prismaCode === 'P2002') return errorResponse('conflict', 'a resource with these identifying fields already exists', undefined, headers);
  if (prismaCode === 'P2025') return errorResponse('not_found', 'not found', undefined, headers);
  console.error(`[baseplate] request ${requestId} failed:`, error);
  return errorResponse('internal', `internal error (request ${requestId})`, undefined, headers);
}
