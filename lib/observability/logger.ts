import pino, { type DestinationStream, type Logger } from 'pino';
import { env } from '@/lib/env';
import { currentRequestId } from './request-context';

// Baseplate's structured log: one JSON object per line on stdout, at LOG_LEVEL. Every line
// written while a request is served carries that request's id (reqId), so an operator can find
// all of one request's lines, its access line and its audit rows with one search.

export type { Logger };

/**
 * An error as a few fields: pino's default serializer copies every enumerable property, which for
 * a pg error means its whole connection object (host, user, buffers), and for others whatever
 * values they carry. Type, message, code and stack are what an operator needs; a cause, shortly.
 */
function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const { code } = error as { code?: unknown };
  return {
    type: error.constructor?.name ?? error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: error.stack,
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined, // no pid/hostname on every line: the process manager adds what it knows
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
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
