import { AppError } from '@/lib/errors';

/**
 * Refuses query parameters the route does not know (API.md: nothing bad is silently ignored), and
 * values holding a NUL character, which no text column can store or compare (a 500 from
 * PostgreSQL before). Every route with parameters calls this first, so `q`, the audit filters and
 * the rest are covered in one place. (A lone surrogate cannot arrive in a URL: percent-decoding
 * turns invalid UTF-8 into U+FFFD.)
 */
export function allowOnlyParams(url: URL, allowed: string[]): void {
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name))
      throw new AppError('bad_request', `unknown query parameter "${name}" (allowed: ${allowed.join(', ') || 'none'})`);
    if (value.includes('\u0000')) throw new AppError('bad_request', `query parameter "${name}" contains a NUL character`);
  }
}

/** Path parameters (a team slug, a blueprint id...) with a NUL character name nothing: 404. */
export function checkPathParams(params: Record<string, string | string[] | undefined>): void {
  for (const [name, value] of Object.entries(params)) {
    const parts = Array.isArray(value) ? value : [value ?? ''];
    if (parts.some((p) => p.includes('\u0000'))) throw new AppError('not_found', `${name} not found (the path holds a NUL character)`);
  }
}

// Timestamps the database holds: nothing in Baseplate predates 1970, and PostgreSQL (and JS
// dates) cannot take every year an RFC 3339 string can spell (0000 was a 500 before).
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Whether a date is within the range Baseplate stores and compares (1970 to 9999). */
export function isStorableDate(date: Date): boolean {
  const t = date.getTime();
  return !Number.isNaN(t) && t >= EARLIEST && t <= LATEST;
}

export function dateParam(url: URL, name: string): Date | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    throw new AppError('bad_request', `${name} must be an RFC 3339 timestamp, got "${raw}"`);
  }
  if (!isStorableDate(date)) throw new AppError('bad_request', `${name} must be between 1970-01-01 and 9999-12-31, got "${raw}"`);
  return date;
}

/** A boolean query flag (`force`, `dry_run`, `upsert`): absent is false; anything but "true"/"false" is a 400. */
export function flagParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new AppError('bad_request', `${name} must be "true" or "false", got "${raw}"`);
}
