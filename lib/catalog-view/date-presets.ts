// Relative ranges for `between` on dates (`{"preset": "lastWeek"}`): the search compiler resolves
// them at query time, so a saved link keeps meaning "the last week".

export const DATE_PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'lastWeek', label: 'Last 7 days' },
  { id: 'lastMonth', label: 'Last 30 days' },
  { id: 'lastYear', label: 'Last 365 days' },
] as const;

export type DatePreset = (typeof DATE_PRESETS)[number]['id'];
