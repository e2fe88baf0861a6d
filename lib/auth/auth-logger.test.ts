import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/observability/logger';
import { authLogger } from './auth-logger';

function memoryLog() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger('info', stream);
  return { logger: () => logger, lines };
}

describe('authLogger', () => {
  it('logs a refused sign-in as one info line with its reason, no stack', () => {
    const { logger, lines } = memoryLog();
    // Auth.js's CredentialsSignin (next-auth cannot load outside Next.js): its type and code.
    authLogger(logger).error(
      Object.assign(new Error('Read more at https://errors.authjs.dev#credentialssignin'), { type: 'CredentialsSignin', code: 'inactive' }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'sign-in refused', reason: 'inactive' });
    expect(JSON.stringify(lines[0])).not.toContain('stack');
  });

  it('keeps any other error an error, with its stack', () => {
    const { logger, lines } = memoryLog();
    authLogger(logger).error(Object.assign(new Error('bad secret'), { type: 'MissingSecret' }));
    expect(lines[0]).toMatchObject({ level: 'error', type: 'MissingSecret', err: { message: 'bad secret' } });
    expect(JSON.stringify(lines[0])).toContain('stack');
  });
});
