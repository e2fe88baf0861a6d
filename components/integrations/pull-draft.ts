import { HEADER_NAME, CLIENT_HEADERS, PULL_LIMITS, type SyncMode } from '@/lib/integrations/integration-limits';

// The http-pull part of the integration editor: the URL, the interval, the mode and the request
// headers. Header values are write-only: the API answers each stored one as null, and null sent
// back keeps it, so a row of a stored header shows no value and sends null unless one is typed.
// Problems are keyed by the API's JSON pointers (/settings/url...), as the server's refusals are.

export type HeaderRow = { key: string; name: string; value: string; stored: boolean };
export type PullDraft = { url: string; intervalMinutes: string; mode: SyncMode; headers: HeaderRow[] };

let nextKey = 0;
const newKey = () => `h${++nextKey}`;
const escapeName = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');
export const headerPath = (name: string) => `/settings/headers/${escapeName(name)}`;

export function pullDraftOf(settings: Record<string, unknown> | undefined): PullDraft {
  const s = settings ?? {};
  const headers = s.headers && typeof s.headers === 'object' ? Object.keys(s.headers) : [];
  return {
    url: typeof s.url === 'string' ? s.url : '',
    intervalMinutes: String(typeof s.interval_minutes === 'number' ? s.interval_minutes : PULL_LIMITS.defaultIntervalMinutes),
    mode: s.mode === 'full' ? 'full' : 'delta',
    headers: headers.map((name) => ({ key: newKey(), name, value: '', stored: true })),
  };
}

export const newHeaderRow = (): HeaderRow => ({ key: newKey(), name: '', value: '', stored: false });

/** The settings body of an http-pull, and what the browser already knows the server would refuse. */
export function pullSettingsOf(draft: PullDraft, problems: Map<string, string>): Record<string, unknown> {
  const url = draft.url.trim();
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) problems.set('/settings/url', 'An http:// or https:// URL.');
  const interval = Number(draft.intervalMinutes);
  const { minIntervalMinutes: min, maxIntervalMinutes: max } = PULL_LIMITS;
  if (!Number.isInteger(interval) || interval < min || interval > max)
    problems.set('/settings/interval_minutes', `A whole number of minutes from ${min} to ${max}.`);
  const headers: Record<string, string | null> = Object.create(null);
  const seen = new Set<string>();
  for (const row of draft.headers) {
    const name = row.name.trim();
    const at = headerPath(name || row.key);
    if (!HEADER_NAME.test(name)) problems.set(at, 'A header name: letters, digits and - (e.g. Authorization).');
    else if (CLIENT_HEADERS.includes(name.toLowerCase())) problems.set(at, `${name} is set by the HTTP client itself.`);
    else if (seen.has(name.toLowerCase())) problems.set(at, 'This header is named twice.');
    else if (!row.value && !row.stored) problems.set(at, 'Give the value to send.');
    else if (/[\r\n]/.test(row.value) || row.value.length > PULL_LIMITS.maxHeaderValueChars)
      problems.set(at, `One line of at most ${PULL_LIMITS.maxHeaderValueChars} characters.`);
    seen.add(name.toLowerCase());
    Object.defineProperty(headers, name || row.key, { value: row.value || null, enumerable: true, writable: true, configurable: true });
  }
  if (draft.headers.length > PULL_LIMITS.maxHeaders) problems.set('/settings/headers', `At most ${PULL_LIMITS.maxHeaders} headers.`);
  return { url, interval_minutes: Number.isFinite(interval) ? interval : draft.intervalMinutes, mode: draft.mode, headers: { ...headers } };
}
