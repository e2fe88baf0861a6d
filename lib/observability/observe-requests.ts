import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { writeAccessLine } from './access-log';
import type { Metrics } from './metrics';
import { runWithRequestStore, type RequestStore } from './request-context';
import { assignRequestId } from './request-id';
import type { RoutePatternOf } from './route-pattern';
import { serveMetrics } from './serve-metrics';

// The one wrapper around every request the server takes, whichever path serves it (Next.js or the
// direct API dispatcher): it gives the request its id (X-Request-Id on the response, and in place
// of the caller's header, so the app reads the server's choice), runs the rest inside the request
// store, answers /metrics itself, and when the response ends writes the access line and counts it.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export type ObserveOptions = {
  logger: Logger;
  metrics: Metrics;
  routeOf: RoutePatternOf;
  metricsToken: string | undefined;
};

/** Status of a response the client abandoned before it was complete (nginx's convention). */
export const CLIENT_CLOSED = 499;

function pathnameOf(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

export function observeRequests(options: ObserveOptions, handler: Handler): Handler {
  const { logger, metrics, routeOf, metricsToken } = options;
  return (req, res) => {
    const started = performance.now();
    const requestId = assignRequestId(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    const pathname = pathnameOf(req.url);
    const isMetrics = pathname === '/metrics';
    const route = isMetrics ? '/metrics' : pathname === null ? 'other' : routeOf(pathname);
    const store: RequestStore = { requestId, route };

    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const aborted = !res.writableFinished;
      const status = aborted ? CLIENT_CLOSED : res.statusCode;
      const durationMs = performance.now() - started;
      const method = req.method ?? 'GET';
      const { team, actorKind } = store;
      writeAccessLine(logger, { requestId, method, route, status, durationMs, team, actorKind, aborted });
      metrics.observeRequest({ method, route, status, seconds: durationMs / 1000 });
    };
    res.once('finish', end);
    res.once('close', end);

    runWithRequestStore(store, () => {
      if (!isMetrics) return handler(req, res);
      serveMetrics(req, res, metrics.registry, metricsToken).catch((error: unknown) => {
        logger.error({ err: error, reqId: requestId }, 'metrics: scrape failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'internal', message: `internal error (request ${requestId})` } }));
      });
    });
  };
}
