import pino, { type DestinationStream, type Logger } from 'pino';
import { env } from '@/lib/env';
import { currentRequestId } from './request-context';

// Baseplate's structured log: one JSON object per line on stdout, at LOG_LEVEL. Every line
// written while a request is served carries that request's id (reqId), so an operator can find
// all of one request's lines, its access line and its audit rows with one search.

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined, // no pid/hostname on every line: the process manager adds what it knows
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

// Global, not module-level, for the same reason as the request store: one stdout writer for the
// server's copy of this module and Next's.
const holder = globalThis as unknown as { baseplateLogger?: Logger };

/** The process's logger (created on first use, at the validated LOG_LEVEL). */
export function log(): Logger {
  holder.baseplateLogger ??= createLogger(env().logLevel);
  return holder.baseplateLogger;
}
