import type { IncomingMessage, ServerResponse } from 'node:http';
import { poolStats } from '@/lib/db/prisma';
import { env } from '@/lib/env';
import { countJobs } from '@/lib/jobs/job-queue';
import { registerJobMetrics } from '@/lib/jobs/job-metrics';
import { log } from './logger';
import { createMetrics } from './metrics';
import { observeRequests } from './observe-requests';
import { loadRoutePatterns } from './route-pattern';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The server's request wrapper (see observe-requests.ts), set up from app/ and the environment. */
export function createRequestObserver(appDir: string): (handler: Handler) => Handler {
  const metrics = createMetrics(poolStats);
  registerJobMetrics(metrics.registry, countJobs);
  const options = {
    logger: log(),
    metrics,
    routeOf: loadRoutePatterns(appDir),
    metricsToken: env().metricsToken,
  };
  return (handler) => observeRequests(options, handler);
}
