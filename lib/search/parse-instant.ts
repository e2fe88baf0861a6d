// An RFC 3339 date-time as epoch milliseconds, or null: the same strings search_instant()
// (migrations-sql/0007_search.sql) accepts. The shape pins hours, minutes, seconds and offsets to
// their ranges (PostgreSQL and JavaScript disagree on 24:00, leap seconds and offsets past 15:59),
// and the calendar date must exist (JavaScript would read 2026-02-30 as March 2nd).

export const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([Zz]|[+-](0\d|1[0-5]):[0-5]\d)$/;

export function parseInstant(value: string): number | null {
  const m = RFC3339.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const t = Date.parse(value.replace(' ', 'T').toUpperCase());
  return Number.isNaN(t) ? null : t;
}
