/** The catalog's count line: "1,234 entities", "10,000+ entities" (capped) or "about 52,000 entities" (estimated). */
export function totalText(page: { total: number; total_relation?: 'eq' | 'gte' | 'estimate' }): string {
  const n = page.total.toLocaleString('en');
  if (page.total_relation === 'estimate') return `about ${n} entities`;
  const plus = page.total_relation === 'gte' ? '+' : '';
  return `${n}${plus} ${page.total === 1 && !plus ? 'entity' : 'entities'}`;
}
