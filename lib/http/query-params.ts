import { AppError } from '@/lib/errors';

/** Refuses query parameters the route does not know (API.md: nothing bad is silently ignored). */
export function allowOnlyParams(url: URL, allowed: string[]): void {
  for (const name of url.searchParams.keys()) {
    if (!allowed.includes(name)) throw new AppError('bad_request', `unknown query parameter "${name}" (allowed: ${allowed.join(', ') || 'none'})`);
  }
}

export function dateParam(url: URL, name: string): Date | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) {
    throw new AppError('bad_request', `${name} must be an RFC 3339 timestamp, got "${raw}"`);
  }
  return date;
}

/** A boolean query flag (`force`, `dry_run`, `upsert`): absent is false; anything but "true"/"false" is a 400. */
export function flagParam(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new AppError('bad_request', `${name} must be "true" or "false", got "${raw}"`);
}
