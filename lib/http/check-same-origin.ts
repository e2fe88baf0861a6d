import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { requestHost } from './forwarded-host';

/**
 * A browser session rides on a cookie, so a write from another site must not be able to use it:
 * unsafe methods with a session need an Origin (or Referer) of this very host. `Origin: null`
 * (sandboxed frames, some redirects) and an unparsable one are refused: 403, never a 500.
 * X-Forwarded-Host counts only from a trusted proxy (lib/http/forwarded-host.ts).
 */
export function checkSameOrigin(request: Request, actor: Actor, trustedProxies?: string[]): void {
  if (actor.kind !== 'user' || actor.via !== 'session' || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
  const source = request.headers.get('origin') ?? request.headers.get('referer');
  const host = requestHost(request.headers, trustedProxies);
  let origin: URL | null = null;
  try {
    origin = source ? new URL(source) : null;
  } catch {
    origin = null;
  }
  if (!origin || !/^https?:$/.test(origin.protocol) || !host || origin.host !== host) {
    throw new AppError('forbidden', 'cross-site request refused');
  }
}
