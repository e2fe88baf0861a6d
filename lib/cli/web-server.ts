import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { env } from '@/lib/env';
import { createRequestObserver } from '@/lib/observability/create-request-observer';
import { apiRouteTable } from '@/lib/http/api-route-table';
import type { DirectApi } from './direct-api';
import { createRequestFront } from './handle-request';

// Baseplate's HTTP server: Next.js behind Node's own http server, in the same process as the
// start script. Owning the server gives the app the client's address from the TCP socket (Next's
// route handlers cannot see the socket): it is passed in a header that is always overwritten, so a
// client cannot forge it. Behind a proxy, TRUSTED_PROXIES says whose X-Forwarded-For to believe.
// Every request goes through the request front (handle-request.ts), then the direct API
// dispatcher (direct-api.ts) or Next.js.

export { CLIENT_IP_HEADER } from './handle-request';

export type WebServer = {
  url: string;
  /** Stops accepting, lets the requests in flight finish (at most `drainMs`), then closes Next. */
  close: (drainMs?: number) => Promise<void>;
};

export async function startWebServer(options: { dev: boolean; port: number; host: string; dir: string }): Promise<WebServer> {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const appDir = path.join(options.dir, 'app');
  // Not in development: there Next's hot reloading must see every request.
  // Loaded after prepare(): the route modules import next/server, which needs Next's runtime set up.
  const direct: DirectApi | null = !options.dev && env().directApi ? await (await import('./direct-api')).loadDirectApi(appDir) : null;
  const front = createRequestFront({
    next: app.getRequestHandler(),
    direct,
    routes: apiRouteTable(appDir),
    dev: options.dev,
    trustedProxies: env().trustedProxies,
    ssoOrigin: env().oidc ? new URL(env().oidc!.issuer).origin : undefined,
  });
  let inFlight = 0;
  let closing = false;
  let drained: (() => void) | undefined;
  // Request id, access line, metrics and /metrics for both paths (lib/observability).
  const observe = createRequestObserver(appDir);
  const server = http.createServer(
    observe((req, res) => {
      inFlight++;
      // While draining, a keep-alive connection is closed as soon as its current answer is sent.
      if (closing) res.setHeader('connection', 'close');
      const closed = new Promise((resolve) => res.once('close', resolve));
      // The one place each request passes on either path: hooks for both (access log, request id,
      // metrics) wrap this call. It settles once the answer is sent and its after() work is done.
      void Promise.all([front(req, res), closed]).finally(() => {
        if (--inFlight === 0) drained?.();
      });
    }),
  );
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: async (drainMs = 10_000) => {
      closing = true;
      const idle = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
      server.close();
      server.closeIdleConnections();
      // A request still running after drainMs (a handler that never ends) is cut off.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([idle, new Promise((resolve) => (timer = setTimeout(resolve, drainMs)))]);
      clearTimeout(timer);
      server.closeAllConnections();
      await app.close();
    },
  };
}
