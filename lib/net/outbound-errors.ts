// What an outbound call (guardedFetch) throws. Callers (webhook steps, integration pulls) turn these
// into run-log lines and retry decisions: `reason` is machine-readable, the message is safe to show
// the team (it names the origin and the hop, never a header value, a body or a URL's path or query).

export type OutboundRefusalReason =
  /** The host is, or resolves to, an address outside the public internet, not allowlisted. */
  | 'private_address'
  /** Not http: or https:. */
  | 'scheme'
  /** user:password@ in the URL. */
  | 'credentials'
  /** More redirects than allowed (5). */
  | 'too_many_redirects'
  /** Not a URL at all (or a redirect's Location that is not one). */
  | 'invalid_url'
  /** A header name or value that HTTP cannot carry. */
  | 'invalid_request';

export abstract class OutboundError extends Error {
  abstract readonly reason: string;
  /** Worth trying again later (a network fault or a timeout), as opposed to a refusal. */
  abstract readonly retryable: boolean;
}

/** Refused before (or instead of) connecting: retrying will not help until the URL or allowlist changes. */
export class OutboundRefused extends OutboundError {
  readonly retryable = false;
  constructor(
    readonly reason: OutboundRefusalReason,
    message: string,
    /** 0: the URL asked for; n: the n-th redirect. */
    readonly hop = 0,
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

/** The total time limit (connect, headers and body, across redirects) passed. */
export class OutboundTimeout extends OutboundError {
  readonly reason = 'timeout';
  readonly retryable = true;
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = 'OutboundTimeout';
  }
}

/** DNS, connection, TLS or protocol failure. `code` is Node's (ECONNREFUSED, ENOTFOUND, ...). */
export class OutboundNetworkError extends OutboundError {
  readonly reason = 'network';
  readonly retryable = true;
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'OutboundNetworkError';
  }
}
