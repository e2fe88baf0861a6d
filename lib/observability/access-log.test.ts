import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeAccessLine } from './access-log';
import { createLogger } from './logger';
import { outsideRequest, runWithRequestStore } from './request-context';

/** A pino destination that keeps each line, parsed. */
function memoryLog(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
}

describe('writeAccessLine', () => {
  it('writes one JSON line with time, request id, method, route pattern, status, duration, team and actor kind', () => {
    const { logger, lines } = memoryLog();
    writeAccessLine(logger, {
      requestId: 'r-1',
      method: 'POST',
      route: '/api/v1/teams/[team]/members',
      status: 201,
      durationMs: 12.345,
      team: 'acme',
      actorKind: 'api_key',
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      reqId: 'r-1',
      method: 'POST',
      route: '/api/v1/teams/[team]/members',
      status: 201,
      durationMs: 12.3,
      team: 'acme',
      actor: 'api_key',
      msg: 'request',
    });
  });

  it('says null for an anonymous caller, and warns on a 5xx', () => {
    const { logger, lines } = memoryLog('warn');
    writeAccessLine(logger, { requestId: 'r-2', method: 'GET', route: '/login', status: 200, durationMs: 1 });
    writeAccessLine(logger, { requestId: 'r-3', method: 'GET', route: '/login', status: 503, durationMs: 1 });
    expect(lines).toHaveLength(1); // LOG_LEVEL=warn drops the 200
    expect(lines[0]).toMatchObject({ level: 'warn', reqId: 'r-3', status: 503, team: null, actor: null });
  });

  it('puts the request id on every line written while the request is served', () => {
    const { logger, lines } = memoryLog();
    const store = { requestId: 'r-4', route: '/x' };
    runWithRequestStore(store, () => logger.error({ err: new Error('boom') }, 'request failed'));
    logger.info('outside any request');
    // A pooled connection's event runs in the context of the request that opened it: not its id.
    const poolEvent = () => outsideRequest(() => logger.warn('pool connection failed'));
    runWithRequestStore({ ...store, requestId: 'r-5' }, poolEvent);
    expect(lines[0]).toMatchObject({ level: 'error', reqId: 'r-4', msg: 'request failed', err: { message: 'boom' } });
    expect(lines[1]).not.toHaveProperty('reqId');
    expect(lines[2]).toMatchObject({ msg: 'pool connection failed' });
    expect(lines[2]).not.toHaveProperty('reqId');
  });

  // A pg error carries its whole connection object.
  it('logs an error as type, message, code and stack, never its other properties', () => {
    const { logger, lines } = memoryLog();
    const client = { user: 'baseplate', password: 'pw' };
    const error = Object.assign(new Error('terminating connection'), { code: '57P01', client });
    logger.warn({ err: error }, 'pool connection failed');
    expect(Object.keys(lines[0].err as object).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(lines[0].err).toMatchObject({ type: 'Error', message: 'terminating connection', code: '57P01' });
  });
});
