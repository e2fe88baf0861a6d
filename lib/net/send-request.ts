import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { StringDecoder } from 'node:string_decoder';
import { createGuardedLookup } from './guarded-lookup';
import { OutboundNetworkError, OutboundRefused, OutboundError } from './outbound-errors';
import type { OutboundAllowlist } from './outbound-allowlist';

// One HTTP exchange of a guarded call: no redirect following (guardedFetch does that, re-checking
// each hop), no connection reuse (each hop's socket comes from its own guarded lookup), and a body
// read that stops, and drops the connection, at the cap instead of downloading whatever is sent.

export type HopRequest = {
  url: URL;
  method: string;
  headers: readonly (readonly [string, string])[];
  body: Buffer | undefined;
  allowlist: OutboundAllowlist;
  /** 0 for the URL asked for, n for the n-th redirect (named in refusals). */
  hop: number;
  where: string;
  maxResponseBytes: number;
  /** Whether the body is wanted (a redirect's is not). */
  readBody: (status: number, location: string | undefined) => boolean;
  /** Aborted with the OutboundTimeout when the call's time is up. */
  signal: AbortSignal;
};

export type HopResponse = {
  status: number;
  /** Lowercase names; a repeated header's values joined with ", ". Null prototype: names come from the remote. */
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
};

function copyHeaders(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function toOutboundError(error: unknown, req: HopRequest): OutboundError {
  if (req.signal.aborted && req.signal.reason instanceof OutboundError) return req.signal.reason;
  if (error instanceof OutboundError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const what = error instanceof Error ? error.message : String(error);
  return new OutboundNetworkError(`${req.where}: ${what}`, code);
}

/** Reads at most `max` bytes of the body as UTF-8 text (never a split character at the cut). */
function readCapped(res: IncomingMessage, max: number): Promise<{ body: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let kept = 0;
    let body = '';
    res.on('data', (chunk: Buffer) => {
      const room = max - kept;
      body += decoder.write(chunk.length > room ? chunk.subarray(0, room) : chunk);
      kept += Math.min(room, chunk.length);
      if (chunk.length > room) {
        res.destroy(); // more than we keep: stop the transfer rather than read it to the end
        resolve({ body, truncated: true });
      }
    });
    res.on('end', () => resolve({ body: body + decoder.end(), truncated: false }));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('the connection closed before the body ended'));
    });
  });
}

/** Sends one request and reads its answer; rejects only with an OutboundError. */
export function sendRequest(req: HopRequest): Promise<HopResponse> {
  return new Promise<HopResponse>((resolve, reject) => {
    const fail = (error: unknown) => reject(toOutboundError(error, req));
    const transport = req.url.protocol === 'https:' ? https : http;
    let request: http.ClientRequest;
    try {
      // Throws on a method or header that HTTP cannot carry (CR/LF injection), before any I/O.
      request = transport.request({
        protocol: req.url.protocol,
        hostname: req.url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: req.url.port || undefined,
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method,
        agent: false,
        lookup: createGuardedLookup(req.allowlist, req.where, req.hop),
        signal: req.signal,
      });
    } catch (error) {
      reject(new OutboundRefused('invalid_request', `${req.where}: ${(error as Error).message}`, req.hop));
      return;
    }
    request.on('error', fail);
    try {
      for (const [name, value] of req.headers) request.setHeader(name, value);
      if (req.body) request.setHeader('content-length', req.body.length);
    } catch (error) {
      request.destroy();
      reject(new OutboundRefused('invalid_request', `${req.where}: ${(error as Error).message}`, req.hop));
      return;
    }
    request.on('response', (res) => {
      const headers = copyHeaders(res);
      const status = res.statusCode ?? 0;
      if (!req.readBody(status, headers.location)) {
        res.destroy();
        resolve({ status, headers, body: '', truncated: false });
        return;
      }
      readCapped(res, req.maxResponseBytes).then(({ body, truncated }) => resolve({ status, headers, body, truncated }), fail);
    });
    request.end(req.body);
  });
}
