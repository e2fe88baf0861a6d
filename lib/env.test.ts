import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env';
import { EMPTY_ALLOWLIST } from './net/outbound-allowlist';

describe('loadEnv', () => {
  it('has working defaults: embedded database, port 3000, demo on', () => {
    expect(loadEnv({})).toEqual({
      databaseUrl: undefined,
      port: 3000,
      host: '0.0.0.0',
      dataDir: '.data',
      demo: true,
      directApi: true,
      jobsEnabled: true,
      eventRetentionDays: 7,
      dbPoolSize: 10,
      dbPool: { statementTimeoutMs: 15_000, workMem: '4MB', teamConcurrency: undefined, keyConcurrency: undefined, queueTimeoutMs: 2_000 },
      logLevel: 'info',
      authSecret: undefined,
      secretKey: undefined,
      outboundAllow: EMPTY_ALLOWLIST,
      trustedProxies: [],
      oidc: undefined,
      passwordSignin: true,
      rateLimits: { apiPerMinute: 1200, authPerIpPerMinute: 30, loginPerEmailPerMinute: 5, bearerFailuresPerMinute: 30 },
    });
  });

  it('reads every variable', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgresql://u:p@db:5432/baseplate',
      PORT: '8080',
      HOST: '127.0.0.1',
      BASEPLATE_DATA_DIR: '/var/lib/baseplate',
      BASEPLATE_DEMO: 'false',
      JOBS_ENABLED: 'off',
      BASEPLATE_EVENT_RETENTION_DAYS: '30',
      DATABASE_POOL_SIZE: '25',
      LOG_LEVEL: 'debug',
      AUTH_SECRET: 's3cret',
      TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2',
      RATE_LIMIT_API_PER_MINUTE: '100',
      RATE_LIMIT_AUTH_PER_IP_PER_MINUTE: '7',
      RATE_LIMIT_LOGIN_PER_EMAIL_PER_MINUTE: '3',
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
      DATABASE_WORK_MEM: '16MB',
      DATABASE_TEAM_CONCURRENCY: '4',
      DATABASE_KEY_CONCURRENCY: '2',
      DATABASE_QUEUE_TIMEOUT_MS: '500',
    });
    expect(env).toMatchObject({
      databaseUrl: 'postgresql://u:p@db:5432/baseplate',
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/baseplate',
      demo: false,
      jobsEnabled: false,
      eventRetentionDays: 30,
      dbPoolSize: 25,
      logLevel: 'debug',
    });
    expect(env.authSecret).toBe('s3cret');
    expect(env.trustedProxies).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(env.rateLimits).toEqual({ apiPerMinute: 100, authPerIpPerMinute: 7, loginPerEmailPerMinute: 3, bearerFailuresPerMinute: 30 });
    expect(env.dbPool).toEqual({ statementTimeoutMs: 5000, workMem: '16MB', teamConcurrency: 4, keyConcurrency: 2, queueTimeoutMs: 500 });
  });

  it('treats an empty DATABASE_URL as unset (embedded)', () => {
    expect(loadEnv({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer from 1 to 65535/],
    [{ PORT: '70000' }, /PORT/],
    [{ BASEPLATE_DEMO: 'maybe' }, /BASEPLATE_DEMO must be true or false/],
    [{ JOBS_ENABLED: 'sometimes' }, /JOBS_ENABLED must be true or false/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgresql:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN/],
    [{ BASEPLATE_PASSWORD_SIGNIN: 'perhaps' }, /BASEPLATE_PASSWORD_SIGNIN must be true or false/],
    [{ OIDC_ISSUER: 'https://id.example.com' }, /needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/],
    [{ OIDC_ISSUER: 'http://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }, /must be an https:\/\/ URL/],
    [
      { OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_SCOPE: 'email' },
      /OIDC_SCOPE must include openid/,
    ],
    [{ OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }, /OIDC_ISSUER is not a valid URL/],
    [{ METRICS_TOKEN: 'sixteen chars and spaces' }, /METRICS_TOKEN/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '-1' }, /DATABASE_STATEMENT_TIMEOUT_MS/],
    [{ DATABASE_WORK_MEM: '4 MB; DROP' }, /DATABASE_WORK_MEM must be a PostgreSQL memory size/],
    [{ DATABASE_TEAM_CONCURRENCY: '0' }, /DATABASE_TEAM_CONCURRENCY/],
    [{ BASEPLATE_SECRET_KEY: 'too-short' }, /BASEPLATE_SECRET_KEY must be 32 bytes/],
    [
      { BASEPLATE_OUTBOUND_ALLOW: '10.0.0.0/8, http://hooks.example:8080' },
      /BASEPLATE_OUTBOUND_ALLOW: "http:\/\/hooks.example:8080" is neither/,
    ],
    [{ BASEPLATE_OUTBOUND_ALLOW: '10.0.0.0/33' }, /BASEPLATE_OUTBOUND_ALLOW: "10.0.0.0\/33"/],
  ])('rejects %o with a message naming the variable', (source, message) => {
    expect(() => loadEnv(source)).toThrow(EnvError);
    expect(() => loadEnv(source)).toThrow(message);
  });

  it('reads METRICS_TOKEN (unset: /metrics is for loopback clients only)', () => {
    expect(loadEnv({}).metricsToken).toBeUndefined();
    expect(loadEnv({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).toBe('0123456789abcdef');
  });

  it('reads BASEPLATE_SECRET_KEY and BASEPLATE_OUTBOUND_ALLOW', () => {
    const env = loadEnv({ BASEPLATE_SECRET_KEY: 'ab'.repeat(32), BASEPLATE_OUTBOUND_ALLOW: '127.0.0.1/32, hooks.internal.example' });
    expect(env.secretKey).toBe('ab'.repeat(32));
    expect(env.outboundAllow.entries).toEqual(['127.0.0.1/32', 'hooks.internal.example']);
    expect([...env.outboundAllow.hosts]).toEqual(['hooks.internal.example']);
  });

  it('never echoes a database password in its errors', () => {
    expect(() => loadEnv({ DATABASE_URL: 'mysql://user:s3cret@host/db' })).not.toThrow(/s3cret/);
  });

  it('reads the single sign-on settings (http only on loopback) and the password sign-in switch', () => {
    const env = loadEnv({
      OIDC_ISSUER: 'http://127.0.0.1:4000/',
      OIDC_CLIENT_ID: 'baseplate',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_NAME: 'Acme SSO',
      OIDC_GROUPS_CLAIM: 'roles',
      OIDC_SCOPE: 'openid  email groups',
      BASEPLATE_PASSWORD_SIGNIN: 'false',
    });
    expect(env.oidc).toEqual({
      issuer: 'http://127.0.0.1:4000',
      clientId: 'baseplate',
      clientSecret: 'secret',
      name: 'Acme SSO',
      groupsClaim: 'roles',
      scope: 'openid email groups',
    });
    expect(env.passwordSignin).toBe(false);
    const defaults = loadEnv({ OIDC_ISSUER: 'https://id.example.com/realms/x', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }).oidc;
    expect(defaults).toMatchObject({
      issuer: 'https://id.example.com/realms/x',
      name: 'single sign-on',
      groupsClaim: 'groups',
      scope: 'openid email profile',
    });
  });
});
