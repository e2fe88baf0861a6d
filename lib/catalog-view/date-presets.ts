// Relative ranges for `between` on dates (`{"preset": "lastWeek"}`): the search compiler resolves
// them at query time in UTC (lib/search/date-presets.ts; weeks start on Monday), so a saved link keeps meaning "the last week".

export const DATE_PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'thisWeek', label: 'This week' },
  { id: 'lastWeek', label: 'Last week' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'last7Days', label: 'Last 7 days' },
  { id: 'last30Days', label: 'Last 30 days' },
  { id: 'last90Days', label: 'Last 90 days' },
] as const;

export type DatePreset = (typeof DATE_PRESETS)[number]['id'];
