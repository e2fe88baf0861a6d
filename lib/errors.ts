// The one error type services throw. Only the HTTP edge (lib/http) turns it into a status and the
// error body of API.md: {"error": {"code", "message", "details"}}.

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** More about the fault; an object with a `reason` a client can branch on, or, for
     * validation_failed, the list of {path, message}. */
    readonly details?: unknown,
    /** Extra response headers (Retry-After and RateLimit-* on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** A fault a client can branch on without parsing the message: `details.reason`. */
export function reasonOf(error: unknown): string | undefined {
  const details = error instanceof AppError ? error.details : undefined;
  const reason = (details as { reason?: unknown } | null | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}
