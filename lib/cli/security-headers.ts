import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

// The security headers of every answer, pages and API alike, whichever path serves it. Set by the
// request front (lib/cli/handle-request.ts) before Next.js or the direct dispatcher writes, so no
// route can forget them. Pages get a Content-Security-Policy with a fresh nonce per request:
// Next.js reads the nonce from the request's own CSP header and puts it on the inline scripts it
// needs (the pages are rendered per request, so each gets its own); API answers (JSON) need no
// script at all.

const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * `ssoOrigin`: the single sign-on provider's origin (OIDC_ISSUER). The sign-in button is a form
 * whose answer redirects there; before the page hydrates it is a plain form post, and the browser
 * holds such a redirect to `form-action` too.
 */
export function pagePolicy(nonce: string, dev: boolean, ssoOrigin?: string): string {
  return [
    "default-src 'self'",
    // strict-dynamic: what a nonced script loads runs too (Next's chunks). unsafe-eval: ajv compiles
    // the entity form's validators from the blueprint's schema in the browser (new Function), as dev's
    // hot reload does; only scripts that already run may call it, and those need the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    // React and React Flow set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${ssoOrigin ? ` ${ssoOrigin}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Whether the client reached us over HTTPS: a TLS socket, or a trusted proxy that says so. */
function isHttps(req: IncomingMessage, trustedProxies: readonly string[]): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const proto = req.headers['x-forwarded-proto'];
  return typeof proto === 'string' && proto.split(',')[0].trim() === 'https' && trustedProxies.includes(peer);
}

export function setSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: { api: boolean; dev: boolean; trustedProxies: readonly string[]; ssoOrigin?: string },
): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  if (isHttps(req, options.trustedProxies)) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  // A client must never choose the nonce: whatever CSP header it sent is replaced.
  delete req.headers['content-security-policy'];
  delete req.headers['content-security-policy-report-only'];
  if (options.api) {
    res.setHeader('content-security-policy', API_POLICY);
    return;
  }
  const policy = pagePolicy(randomBytes(16).toString('base64'), options.dev, options.ssoOrigin);
  req.headers['content-security-policy'] = policy;
  res.setHeader('content-security-policy', policy);
}
