import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { env } from '@/lib/env';
import { createRequestObserver } from '@/lib/observability/create-request-observer';
import type { DirectApi } from './direct-api';

// Baseplate's HTTP server: Next.js behind Node's own http server, in the same process as the
// start script. Owning the server gives the app the client's address from the TCP socket (Next's
// route handlers cannot see the socket): it is passed in a header that is always overwritten, so a
// client cannot forge it. Behind a proxy, TRUSTED_PROXIES says whose X-Forwarded-For to believe.

export const CLIENT_IP_HEADER = 'x-baseplate-client-ip';

export type WebServer = { url: string; close: () => Promise<void> };

export async function startWebServer(options: { dev: boolean; port: number; host: string; dir: string }): Promise<WebServer> {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.host, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Not in development: there Next's hot reloading must see every request.
  // Loaded after prepare(): the route modules import next/server, which needs Next's runtime set up.
  const direct: DirectApi | null = !options.dev && env().directApi ? await (await import('./direct-api')).loadDirectApi(path.join(options.dir, 'app')) : null;
  // Request id, access line, metrics and /metrics for both paths (lib/observability).
  const observe = createRequestObserver(path.join(options.dir, 'app'));
  const server = http.createServer(observe((req, res) => {
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? '';
    if (direct?.serve(req, res)) return;
    void handle(req, res);
  }));
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      await app.close();
    },
  };
}
