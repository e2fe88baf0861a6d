import { randomUUID } from 'node:crypto';
import { currentRequestId } from './request-context';

// A request id ties one request's access line, its other log lines, its audit rows and the
// X-Request-Id response header together. A caller's own id (a proxy's or a client's trace id) is
// kept only when it is a short plain token: anything else could forge log lines, smuggle control
// characters into headers, or bloat the audit column (VARCHAR(64)).

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's id when it is a sane token, else null. */
export function sanitizeRequestId(value: string | string[] | null | undefined): string | null {
  return typeof value === 'string' && SANE_REQUEST_ID.test(value) ? value : null;
}

/** The caller's sane id, or a fresh one. */
export function assignRequestId(value: string | string[] | null | undefined): string {
  return sanitizeRequestId(value) ?? randomUUID();
}

/**
 * The id of the request being served: the one Baseplate's server gave it (observe-requests.ts),
 * so the response header, the log lines and the audit rows agree; outside that server (a test
 * calling a handler directly), the caller's header when it is a sane token, else a fresh id.
 */
export function requestIdFor(header: string | null | undefined): string {
  return currentRequestId() ?? assignRequestId(header);
}
