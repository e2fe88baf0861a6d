'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

// The audit log's filters live in the URL (?action=&entity_type=&since=&until=, days as
// YYYY-MM-DD), so a copied link reproduces the view. Days are UTC, like the timestamps shown.

export type AuditFilterValues = { action: string; entity_type: string; since: string; until: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null) => (value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : '');

export function useAuditFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters: AuditFilterValues = {
    action: params.get('action') ?? '',
    entity_type: params.get('entity_type') ?? '',
    since: day(params.get('since')),
    until: day(params.get('until')),
  };
  const setFilters = (next: AuditFilterValues) => {
    const search = new URLSearchParams(Object.entries(next).filter(([, v]) => v));
    router.replace(search.size ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  return { filters, setFilters };
}

/** The API's query for these filters: `since` from the start of its day, `until` up to the end of its day. */
export function auditApiQuery(filters: AuditFilterValues, limit = 50): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.action) query.set('action', filters.action);
  if (filters.entity_type) query.set('entity_type', filters.entity_type);
  if (filters.since) query.set('since', `${filters.since}T00:00:00Z`);
  if (filters.until) query.set('until', new Date(Date.parse(`${filters.until}T00:00:00Z`) + 86_400_000).toISOString());
  query.set('limit', String(limit));
  return query;
}

export function rangeError(filters: AuditFilterValues): string | undefined {
  return filters.since && filters.until && filters.until < filters.since ? 'Until is before since.' : undefined;
}
