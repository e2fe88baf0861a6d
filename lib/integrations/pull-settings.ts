import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { checkOutboundUrl } from '@/lib/net/check-outbound-url';
import { OutboundRefused } from '@/lib/net/outbound-errors';
import type { OutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { CLIENT_HEADERS, HEADER_NAME, PULL_LIMITS, SYNC_MODES, type SyncMode } from './integration-limits';

// The settings of an http-pull integration, checked when it is saved (create, PUT, PATCH once
// merged): `url` (http/https, through the outbound guard's URL check, so a private or loopback
// literal is refused unless BASEPLATE_OUTBOUND_ALLOW allows it; a name is checked again at every
// fetch, after DNS), `interval_minutes`, `mode`, and `headers`. Header values are secrets (an
// Authorization header): they are sealed into their own column and never returned; `settings`
// keeps only the names, each with null. In a body, null means "keep the stored value" (so the
// answer of a GET, sent back, keeps them, and a merge patch's null still removes a header), and a
// string sets a new value. A kept value is refused when the URL's origin changed: a token written
// for one server is not sent to another without being given again.

export type PullSettings = {
  url: string;
  interval_minutes: number;
  mode: SyncMode;
  /** Header names; the values are in the sealed column. */
  headers: Record<string, null>;
};

export type PreparedPull = {
  settings: PullSettings;
  /** The header values as JSON, sealed; null when there are none. */
  sealedHeaders: string | null;
  /** A header value was given (not kept): a change even when the settings read the same. */
  newValues: boolean;
};

type Fault = { path: string; message: string };

const KNOWN = new Set(['url', 'interval_minutes', 'mode', 'headers']);
const headersContext = (integrationId: string) => `integration:${integrationId}:pull-headers`;
// JSON-pointer escaping of a user-chosen name in a fault's path.
const pointer = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** The stored header values, by name (a Map: names are the user's, never object keys). */
export function openPullHeaders(integrationId: string, sealed: string | null | undefined): Map<string, string> {
  if (!sealed) return new Map();
  const values = JSON.parse(openSecret(sealed, headersContext(integrationId))) as Array<[string, string]>;
  return new Map(values);
}

function checkUrl(value: unknown, allowlist: OutboundAllowlist, faults: Fault[]): URL | null {
  if (typeof value !== 'string' || !value) {
    faults.push({ path: '/settings/url', message: 'an http-pull integration needs the URL to fetch (http: or https:)' });
    return null;
  }
  if (value.length > PULL_LIMITS.maxUrlChars) {
    faults.push({ path: '/settings/url', message: `at most ${PULL_LIMITS.maxUrlChars} characters` });
    return null;
  }
  try {
    return checkOutboundUrl(value, allowlist);
  } catch (error) {
    if (!(error instanceof OutboundRefused)) throw error;
    faults.push({ path: '/settings/url', message: error.message });
    return null;
  }
}

function checkInterval(value: unknown, faults: Fault[]): number {
  if (value === undefined) return PULL_LIMITS.defaultIntervalMinutes;
  const { minIntervalMinutes: min, maxIntervalMinutes: max } = PULL_LIMITS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    faults.push({ path: '/settings/interval_minutes', message: `a whole number of minutes from ${min} to ${max}` });
  }
  return value as number;
}

function checkMode(value: unknown, faults: Fault[]): SyncMode {
  if (value === undefined) return 'delta';
  if (!SYNC_MODES.includes(value as SyncMode)) faults.push({ path: '/settings/mode', message: 'must be "delta" or "full"' });
  return value as SyncMode;
}

/**
 * Checks an http-pull's settings and seals its header values. `stored` is the integration as it
 * is (an update) or null (a create). Throws 422 naming every faulty field.
 */
export function preparePullSettings(
  raw: Record<string, unknown> | undefined,
  integrationId: string,
  stored: { settings: unknown; pullHeaders: string | null } | null,
  allowlist: OutboundAllowlist,
): PreparedPull {
  const settings = raw ?? {};
  const faults: Fault[] = [];
  for (const key of Object.keys(settings)) {
    if (!KNOWN.has(key))
      faults.push({ path: `/settings/${pointer(key)}`, message: 'not a setting of http-pull (url, interval_minutes, mode, headers)' });
  }
  const url = checkUrl(settings.url, allowlist, faults);
  const interval = checkInterval(settings.interval_minutes, faults);
  const mode = checkMode(settings.mode, faults);
  const storedUrl = (stored?.settings as { url?: unknown } | null)?.url;
  const sameOrigin = url !== null && typeof storedUrl === 'string' && URL.canParse(storedUrl) && new URL(storedUrl).origin === url.origin;
  const storedValues = stored ? openPullHeaders(integrationId, stored.pullHeaders) : new Map<string, string>();

  const names: Record<string, null> = Object.create(null);
  const values: Array<[string, string]> = [];
  const seen = new Set<string>();
  let newValues = false;
  const rawHeaders = settings.headers ?? {};
  if (typeof rawHeaders !== 'object' || rawHeaders === null || Array.isArray(rawHeaders)) {
    faults.push({ path: '/settings/headers', message: 'an object of header names and values' });
  } else {
    const entries = Object.entries(rawHeaders as Record<string, unknown>);
    if (entries.length > PULL_LIMITS.maxHeaders) {
      faults.push({ path: '/settings/headers', message: `at most ${PULL_LIMITS.maxHeaders} headers` });
    }
    for (const [name, value] of entries.slice(0, PULL_LIMITS.maxHeaders)) {
      const path = `/settings/headers/${pointer(name)}`;
      const lower = name.toLowerCase();
      if (!HEADER_NAME.test(name)) faults.push({ path, message: 'not an HTTP header name' });
      else if (CLIENT_HEADERS.includes(lower)) faults.push({ path, message: `${name} is set by the HTTP client itself` });
      else if (seen.has(lower)) faults.push({ path, message: 'this header is named twice (names are case-insensitive)' });
      else if (value === null) {
        const kept = storedValues.get(name);
        if (kept === undefined) faults.push({ path, message: 'no value is stored for this header: give one' });
        else if (url && !sameOrigin) faults.push({ path, message: "the URL's origin changed: give this header's value again" });
        else values.push([name, kept]);
      } else if (typeof value !== 'string' || !value || value.length > PULL_LIMITS.maxHeaderValueChars || /[\r\n\0]/.test(value)) {
        faults.push({
          path,
          message: `a value of 1 to ${PULL_LIMITS.maxHeaderValueChars} characters on one line, or null to keep the stored one`,
        });
      } else {
        values.push([name, value]);
        newValues = true;
      }
      seen.add(lower);
      names[name] = null;
    }
  }
  if (faults.length) throw new AppError('validation_failed', 'the http-pull settings are not valid', faults);
  return {
    settings: { url: url!.toString(), interval_minutes: interval, mode, headers: { ...names } },
    sealedHeaders: values.length ? sealSecret(JSON.stringify(values), headersContext(integrationId)) : null,
    newValues,
  };
}

/** Tests pass their loopback allowlist; the server checks http-pull URLs with BASEPLATE_OUTBOUND_ALLOW. */
export type SaveOptions = { allowlist?: OutboundAllowlist };

/** Whether stored settings (read back from JSONB, whose key order is its own) pull the same as `next`. */
function samePull(stored: unknown, next: PullSettings): boolean {
  const s = (stored ?? {}) as Partial<PullSettings>;
  const names = (h: unknown) => JSON.stringify(Object.keys(h ?? {}).sort());
  return (
    s.url === next.url && s.interval_minutes === next.interval_minutes && s.mode === next.mode && names(s.headers) === names(next.headers)
  );
}

/**
 * What is stored for the settings: as given for webhook and file integrations; for http-pull,
 * checked, with the header values sealed apart, and when it is next due (now: a new or changed
 * pull runs at the next sweep; NULL while disabled, which the sweep's index skips).
 */
export function settingsToStore(
  kind: string,
  input: { settings?: Record<string, unknown>; enabled?: boolean },
  integrationId: string,
  before: { settings: unknown; pullHeaders: string | null; nextPullAt: Date | null; enabled: boolean } | null,
  options: SaveOptions,
) {
  if (kind !== 'http-pull') return { settings: input.settings ?? {}, pullHeaders: null, nextPullAt: null };
  const pull = preparePullSettings(input.settings, integrationId, before, options.allowlist ?? env().outboundAllow);
  const enabled = input.enabled ?? true;
  const unchanged = before?.enabled && !pull.newValues && samePull(before.settings, pull.settings);
  const nextPullAt = !enabled ? null : unchanged && before.nextPullAt ? before.nextPullAt : new Date();
  return { settings: pull.settings, pullHeaders: pull.sealedHeaders, nextPullAt };
}
