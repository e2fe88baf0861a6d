import { env } from '@/lib/env';
import { log } from '@/lib/observability/logger';
import { checkOutboundUrl, originOf } from './check-outbound-url';
import { OutboundError, OutboundRefused, OutboundTimeout } from './outbound-errors';
import type { OutboundAllowlist } from './outbound-allowlist';
import { sendRequest, type HopResponse } from './send-request';

// The one way Baseplate calls a URL that a team wrote (webhook steps, integration pulls): refuses
// non-public addresses unless allowlisted, before connecting and after every DNS resolution
// (guarded-lookup.ts), follows redirects itself so each hop is checked again, bounds the whole call
// in time and the kept answer in size. See lib/net/README.md.

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
export const MAX_REDIRECTS = 5;

export type GuardedFetchOptions = {
  method?: string;
  /** Pairs or a record; names are case-insensitive. Host, Content-Length, Connection and
   * Transfer-Encoding are set by the client and ignored here. */
  headers?: readonly (readonly [string, string])[] | Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  /** Total time for the call: connect, headers and body, across redirects. */
  timeoutMs?: number;
  /** Bytes of the answer's body kept (the rest is not read). */
  maxResponseBytes?: number;
  /** Defaults to BASEPLATE_OUTBOUND_ALLOW. */
  allowlist?: OutboundAllowlist;
};

export type GuardedResponse = HopResponse & {
  /** The URL that answered (after redirects). */
  url: string;
  redirects: number;
};

const CLIENT_SET_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding']);
/** Not sent on to another origin by a redirect, as browsers do. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headerPairs(headers: GuardedFetchOptions['headers']): [string, string][] {
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers ?? {});
  return pairs.filter(([name]) => !CLIENT_SET_HEADERS.has(name.toLowerCase())).map(([name, value]) => [name, value]);
}

/** Calls `url` within the outbound rules; throws OutboundRefused, OutboundTimeout or OutboundNetworkError. */
export async function guardedFetch(url: string | URL, options: GuardedFetchOptions = {}): Promise<GuardedResponse> {
  const allowlist = options.allowlist ?? env().outboundAllow;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let origin = 'an invalid URL';
  let method = (options.method ?? 'GET').toUpperCase();
  let body = options.body === undefined ? undefined : Buffer.from(options.body);
  let headers = headerPairs(options.headers);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new OutboundTimeout(timeoutMs)), timeoutMs);
  try {
    let current = checkOutboundUrl(url, allowlist);
    origin = originOf(current);
    for (let hop = 0; ; hop++) {
      const response = await sendRequest({
        url: current,
        method,
        headers,
        body,
        allowlist,
        hop,
        where: hop === 0 ? originOf(current) : `redirect ${hop} to ${originOf(current)}`,
        maxResponseBytes: Math.max(0, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES),
        readBody: (status, location) => !(REDIRECTS.has(status) && location),
        signal: controller.signal,
      });
      const location = REDIRECTS.has(response.status) ? response.headers.location : undefined;
      if (!location) {
        log().debug({ origin, method, status: response.status, redirects: hop }, 'outbound call answered');
        return { ...response, url: current.toString(), redirects: hop };
      }
      if (hop === MAX_REDIRECTS) {
        throw new OutboundRefused('too_many_redirects', `${originOf(current)}: more than ${MAX_REDIRECTS} redirects`, hop + 1);
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new OutboundRefused('invalid_url', `redirect ${hop + 1}: its Location is not a valid URL`, hop + 1);
      }
      next = checkOutboundUrl(next, allowlist, hop + 1);
      // 303, and 301/302 after a POST, continue as a GET without the body (what browsers and fetch do).
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        headers = headers.filter(([name]) => !name.toLowerCase().startsWith('content-'));
      }
      if (next.origin !== current.origin) headers = headers.filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase()));
      current = next;
      origin = originOf(current);
    }
  } catch (error) {
    if (error instanceof OutboundError) log().info({ origin, method, reason: error.reason }, 'outbound call failed');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
