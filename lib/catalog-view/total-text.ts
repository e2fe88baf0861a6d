/** The catalog's count line: "1,234 entities", "10,000+ entities" (capped) or "about 52,000 entities" (estimated). */
export function totalText(page: { total: number; total_relation?: 'eq' | 'gte' | 'estimate' }): string {
  const n = page.total.toLocaleString('en');
  if (page.total_relation === 'estimate') return `about ${n} entities`;
  const plus = page.total_relation === 'gte' ? '+' : '';
  return `${n}${plus} ${page.total === 1 && !plus ? 'entity' : 'entities'}`;
}

/**
 * Where a page sits in the whole: "1–50 of 12,340", "51–100 of 10,000+", "1–50 of about 52,000".
 * `pageIndex` counts from 0; pages before it were full (keyset pages are `size` rows but the last).
 */
export function rangeText(
  pageIndex: number,
  size: number,
  shown: number,
  page: { total: number; total_relation?: 'eq' | 'gte' | 'estimate' },
): string {
  const first = pageIndex * size + 1;
  const last = pageIndex * size + shown;
  const n = page.total.toLocaleString('en');
  const of = page.total_relation === 'estimate' ? `about ${n}` : page.total_relation === 'gte' ? `${n}+` : n;
  return `${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${of}`;
}
