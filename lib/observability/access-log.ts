import type { Logger } from 'pino';

// One access line per request, written when the response has finished (or the client went away):
// what was asked, of which route, by what kind of caller in which team, and how it ended.

export type AccessEntry = {
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  team?: string;
  actorKind?: string;
  /** The client closed the connection before the response was complete. */
  aborted?: boolean;
};

export function writeAccessLine(logger: Logger, entry: AccessEntry): void {
  const line: Record<string, unknown> = {
    reqId: entry.requestId,
    method: entry.method,
    route: entry.route,
    status: entry.status,
    durationMs: Math.round(entry.durationMs * 10) / 10,
    team: entry.team ?? null,
    actor: entry.actorKind ?? null,
  };
  if (entry.aborted) line.aborted = true;
  // 5xx are the operator's business: warn, so LOG_LEVEL=warn still shows them.
  if (entry.status >= 500) logger.warn(line, 'request');
  else logger.info(line, 'request');
}
