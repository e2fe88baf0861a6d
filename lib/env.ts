import { decodeSecretKey } from '@/lib/crypto/secret-key';
import { OutboundAllowlistError, parseOutboundAllowlist, type OutboundAllowlist } from '@/lib/net/outbound-allowlist';

// The one place that reads process.env. Values are validated here so that a typo in a variable
// stops Baseplate at start with a message that names it, not later with a stack.

export type Env = {
  /** External PostgreSQL; when absent, the CLI starts the embedded one. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** Where the embedded database and runtime files live, relative to the project (git-ignored). */
  dataDir: string;
  /** Seed the demo team on the first start of an empty embedded database. */
  demo: boolean;
  /** Serve API calls that carry credentials straight from the route modules, not through Next.js. */
  directApi: boolean;
  /** Run the job queue's workers and sweeps in this instance (false: a web-only instance). */
  jobsEnabled: boolean;
  /** Days catalog change events (lib/events) are kept before the retention sweep deletes them. */
  eventRetentionDays: number;
  /** Connections in each app instance's pool. */
  dbPoolSize: number;
  /** Limits on the pool's connections and on each team's share of them (lib/db/prisma.ts). */
  dbPool: {
    statementTimeoutMs: number;
    workMem: string;
    /** undefined: half the pool (team) and half of that (key), at least 1. */
    teamConcurrency: number | undefined;
    keyConcurrency: number | undefined;
    queueTimeoutMs: number;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Bearer token that GET /metrics requires; unset: /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  /** Signs browser session cookies (next-auth). Generated and kept in dataDir when unset. */
  authSecret: string | undefined;
  /** Seals secrets at rest (lib/crypto/secret-box.ts): 32 bytes, hex or base64. Generated and kept
   * in dataDir by `npm start` when unset. */
  secretKey: string | undefined;
  /** Non-public addresses and host names that outbound calls (webhooks, pulls) may reach (lib/net). */
  outboundAllow: OutboundAllowlist;
  /** Proxies whose X-Forwarded-For is believed (IPs); empty: the socket address is the client. */
  trustedProxies: string[];
  /** Single sign-on with an OpenID Connect provider (lib/auth/oidc-provider.ts); undefined: off. */
  oidc: OidcSettings | undefined;
  /** Email + password sign-in and registration (BASEPLATE_PASSWORD_SIGNIN); false: SSO only. */
  passwordSignin: boolean;
  rateLimits: {
    /** Authenticated API requests per minute, per API key or per user. */
    apiPerMinute: number;
    /** Sign-in and registration attempts per minute from one IP address. */
    authPerIpPerMinute: number;
    /** Sign-in attempts per minute for one email address from one client address. */
    loginPerEmailPerMinute: number;
    /** Failed bearer authentications (bad API key or login token) per minute from one address. */
    bearerFailuresPerMinute: number;
  };
};

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The sign-in button's label. */
  name: string;
  /** The ID token claim that lists the person's groups (team group mappings). */
  groupsClaim: string;
  /** The scopes asked for; some providers release the groups claim only for a `groups` scope. */
  scope: string;
};

export class EnvError extends Error {}

type Source = Record<string, string | undefined>;

function readInt(source: Source, name: string, fallback: number, min: number, max: number): number {
  const raw = source[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EnvError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readOptionalInt(source: Source, name: string, min: number, max: number): number | undefined {
  return source[name] === undefined || source[name] === '' ? undefined : readInt(source, name, min, min, max);
}

function readMemory(source: Source, name: string, fallback: string): string {
  const raw = source[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d{1,7}(kB|MB|GB)$/.test(raw)) throw new EnvError(`${name} must be a PostgreSQL memory size such as 4MB or 512kB, got "${raw}"`);
  return raw;
}

function readBool(source: Source, name: string, fallback: boolean): boolean {
  const raw = source[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new EnvError(`${name} must be true or false, got "${source[name]}"`);
}

function readMetricsToken(source: Source): string | undefined {
  const raw = source.METRICS_TOKEN?.trim();
  if (!raw) return undefined;
  // Short tokens can be guessed; whitespace would not survive an Authorization header.
  if (raw.length < 16 || !/^[\x21-\x7e]+$/.test(raw)) {
    throw new EnvError('METRICS_TOKEN must be at least 16 printable characters without spaces');
  }
  return raw;
}

function readDatabaseUrl(source: Source): string | undefined {
  const raw = source.DATABASE_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError('DATABASE_URL is not a valid URL (expected postgresql://user:password@host:5432/db)');
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new EnvError(`DATABASE_URL must start with postgresql://, got ${url.protocol}//`);
  }
  return raw;
}

function readSecretKey(source: Source): string | undefined {
  const raw = source.BASEPLATE_SECRET_KEY?.trim();
  if (!raw) return undefined;
  if (!decodeSecretKey(raw)) {
    throw new EnvError('BASEPLATE_SECRET_KEY must be 32 bytes written as 64 hex digits or as base64 (e.g. `openssl rand -base64 32`)');
  }
  return raw;
}

function readOutboundAllow(source: Source): OutboundAllowlist {
  try {
    return parseOutboundAllowlist(source.BASEPLATE_OUTBOUND_ALLOW);
  } catch (error) {
    if (error instanceof OutboundAllowlistError) throw new EnvError(`BASEPLATE_OUTBOUND_ALLOW: ${error.message}`);
    throw error;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function readOidc(source: Source): OidcSettings | undefined {
  const issuer = source.OIDC_ISSUER?.trim();
  const clientId = source.OIDC_CLIENT_ID?.trim();
  const clientSecret = source.OIDC_CLIENT_SECRET?.trim();
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new EnvError('single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new EnvError(`OIDC_ISSUER is not a valid URL, got "${issuer}"`);
  }
  // Auth.js lets plain http through to the provider; Baseplate does not, except on loopback (a
  // provider on the same machine, as in the tests): tokens and the client secret travel there.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new EnvError('OIDC_ISSUER must be an https:// URL (http:// is accepted only for a provider on loopback)');
  }
  const groupsClaim = source.OIDC_GROUPS_CLAIM?.trim() || 'groups';
  if (!/^[\x21-\x7e]{1,100}$/.test(groupsClaim)) throw new EnvError('OIDC_GROUPS_CLAIM must be a claim name without spaces');
  const name = source.OIDC_NAME?.trim() || 'single sign-on';
  if (name.length > 50) throw new EnvError('OIDC_NAME must be at most 50 characters');
  const scope = source.OIDC_SCOPE?.trim().replace(/\s+/g, ' ') || 'openid email profile';
  if (!scope.split(' ').includes('openid')) throw new EnvError('OIDC_SCOPE must include openid');
  return { issuer: issuer.replace(/\/+$/, ''), clientId, clientSecret, name, groupsClaim, scope };
}

export function loadEnv(source: Source = process.env): Env {
  const logLevel = (source.LOG_LEVEL ?? 'info') as Env['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new EnvError(`LOG_LEVEL must be debug, info, warn or error, got "${source.LOG_LEVEL}"`);
  }
  return {
    databaseUrl: readDatabaseUrl(source),
    port: readInt(source, 'PORT', 3000, 1, 65535),
    host: source.HOST?.trim() || '0.0.0.0',
    dataDir: source.BASEPLATE_DATA_DIR?.trim() || '.data',
    demo: readBool(source, 'BASEPLATE_DEMO', true),
    directApi: readBool(source, 'BASEPLATE_DIRECT_API', true),
    jobsEnabled: readBool(source, 'JOBS_ENABLED', true),
    eventRetentionDays: readInt(source, 'BASEPLATE_EVENT_RETENTION_DAYS', 7, 1, 3650),
    dbPoolSize: readInt(source, 'DATABASE_POOL_SIZE', 10, 1, 500),
    dbPool: {
      statementTimeoutMs: readInt(source, 'DATABASE_STATEMENT_TIMEOUT_MS', 15_000, 0, 3_600_000),
      workMem: readMemory(source, 'DATABASE_WORK_MEM', '4MB'),
      teamConcurrency: readOptionalInt(source, 'DATABASE_TEAM_CONCURRENCY', 1, 500),
      keyConcurrency: readOptionalInt(source, 'DATABASE_KEY_CONCURRENCY', 1, 500),
      queueTimeoutMs: readInt(source, 'DATABASE_QUEUE_TIMEOUT_MS', 2_000, 0, 60_000),
    },
    logLevel,
    metricsToken: readMetricsToken(source),
    authSecret: source.AUTH_SECRET?.trim() || undefined,
    secretKey: readSecretKey(source),
    outboundAllow: readOutboundAllow(source),
    trustedProxies: (source.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    oidc: readOidc(source),
    passwordSignin: readBool(source, 'BASEPLATE_PASSWORD_SIGNIN', true),
    rateLimits: {
      apiPerMinute: readInt(source, 'RATE_LIMIT_API_PER_MINUTE', 1200, 1, 1_000_000),
      authPerIpPerMinute: readInt(source, 'RATE_LIMIT_AUTH_PER_IP_PER_MINUTE', 30, 1, 1_000_000),
      loginPerEmailPerMinute: readInt(source, 'RATE_LIMIT_LOGIN_PER_EMAIL_PER_MINUTE', 5, 1, 1_000_000),
      bearerFailuresPerMinute: readInt(source, 'RATE_LIMIT_BEARER_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
    },
  };
}

let cached: Env | undefined;

/** The validated environment of this process (read once). */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
