import type { IncomingMessage, ServerResponse } from 'node:http';
import { poolStats } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { log } from './logger';
import { createMetrics } from './metrics';
import { observeRequests } from './observe-requests';
import { loadRoutePatterns } from './route-pattern';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The server's request wrapper (see observe-requests.ts), set up from app/ and the environment. */
export function createRequestObserver(appDir: string): (handler: Handler) => Handler {
  const options = {
    logger: log(),
    metrics: createMetrics(poolStats),
    routeOf: loadRoutePatterns(appDir),
    metricsToken: env().metricsToken,
  };
  return (handler) => observeRequests(options, handler);
}
