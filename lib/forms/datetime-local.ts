// Converts between a stored ISO 8601 date-time and the value of an <input type="datetime-local">.

const pad = (n: number) => String(n).padStart(2, '0');

/** The local-time input value for an ISO date-time, or null when it cannot be parsed. */
export function isoToLocalInput(iso: string): string | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.getSeconds() ? `${base}:${pad(d.getSeconds())}` : base;
}

/**
 * The ISO date-time (UTC, with `Z`) of a local input value; undefined when empty or unparsable.
 * ajv's `date-time` format requires a time zone, which the input's own value lacks.
 */
export function localInputToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
