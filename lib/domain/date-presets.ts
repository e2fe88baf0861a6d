// Relative date ranges for `between` / `notBetween` on date-time and date properties:
// {"preset": "lastWeek"}. The search compiler resolves them at request time, in UTC, both ends
// inclusive (the end is the last millisecond of the range), so a saved link keeps meaning "the
// last week"; the filter builder lists the same presets. Weeks start on Monday (ISO 8601).
//   today, yesterday            the calendar day
//   thisWeek, lastWeek          the calendar week (Monday..Sunday)
//   thisMonth, lastMonth        the calendar month
//   last7Days, last30Days, last90Days   the rolling window ending now

export const DATE_PRESETS = [
  'today',
  'yesterday',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
  'last7Days',
  'last30Days',
  'last90Days',
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  thisWeek: 'This week',
  lastWeek: 'Last week',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  last7Days: 'Last 7 days',
  last30Days: 'Last 30 days',
  last90Days: 'Last 90 days',
};

export function isDatePreset(value: unknown): value is DatePreset {
  return typeof value === 'string' && (DATE_PRESETS as readonly string[]).includes(value);
}

const DAY = 86_400_000;

function startOfDay(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/** [from, to] in epoch milliseconds, inclusive. */
export function presetRange(preset: DatePreset, now: Date): [number, number] {
  const t = now.getTime();
  const today = startOfDay(t);
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  const d = new Date(today);
  const month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const previousMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  switch (preset) {
    case 'today':
      return [today, today + DAY - 1];
    case 'yesterday':
      return [today - DAY, today - 1];
    case 'thisWeek':
      return [monday, monday + 7 * DAY - 1];
    case 'lastWeek':
      return [monday - 7 * DAY, monday - 1];
    case 'thisMonth':
      return [month, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1];
    case 'lastMonth':
      return [previousMonth, month - 1];
    case 'last7Days':
      return [t - 7 * DAY, t];
    case 'last30Days':
      return [t - 30 * DAY, t];
    case 'last90Days':
      return [t - 90 * DAY, t];
  }
}
