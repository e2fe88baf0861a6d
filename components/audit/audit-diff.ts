// What an audit entry changed, as lines a person reads: one per key that differs between the old
// and the new data ("role: editor → viewer"), lists as what was added and removed. Data that is
// not a flat object (nested objects, a bare value) falls back to the JSON of both sides.

import { formatDateTime } from '@/components/ui/format';
import { ownValue } from '@/lib/domain/own-keys';

type Scalar = string | number | boolean | null;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export type DiffLine =
  | { key: string; kind: 'set'; value: string } // only in the new data (a creation)
  | { key: string; kind: 'unset'; value: string } // only in the old data (a deletion)
  | { key: string; kind: 'changed'; before: string; after: string }
  | { key: string; kind: 'list'; added: string[]; removed: string[] };

export type AuditDiff = { kind: 'none' } | { kind: 'lines'; lines: DiffLine[] } | { kind: 'json'; before: unknown; after: unknown };

const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isList = (v: unknown): v is Scalar[] => Array.isArray(v) && v.every(isScalar);
const isFlat = (v: unknown): v is Record<string, Scalar | Scalar[]> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => isScalar(x) || isList(x));

/** A value as text: "—" for null, lists comma-separated, "none" for an empty list, instants formatted. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map((x) => showValue(x)).join(', ') : 'none';
  if (typeof value === 'string' && INSTANT.test(value)) return formatDateTime(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function diffAuditData(before: unknown, after: unknown): AuditDiff {
  if (before == null && after == null) return { kind: 'none' };
  const old = before ?? {};
  const now = after ?? {};
  if (!isFlat(old) || !isFlat(now)) return { kind: 'json', before, after };
  const lines: DiffLine[] = [];
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const [a, b] = [ownValue(old, key), ownValue(now, key)];
    if (!Object.hasOwn(old, key)) lines.push({ key, kind: 'set', value: showValue(b) });
    else if (!Object.hasOwn(now, key)) lines.push({ key, kind: 'unset', value: showValue(a) });
    else if (JSON.stringify(a) === JSON.stringify(b)) continue;
    else if (isList(a) && isList(b)) {
      const [was, is] = [a.map(showValue), b.map(showValue)];
      lines.push({ key, kind: 'list', added: is.filter((x) => !was.includes(x)), removed: was.filter((x) => !is.includes(x)) });
    } else lines.push({ key, kind: 'changed', before: showValue(a), after: showValue(b) });
  }
  return { kind: 'lines', lines };
}

/** The one-line summary of the disclosure: the change itself when there is one, else a count. */
export function summarizeDiff(diff: AuditDiff): string {
  if (diff.kind === 'none') return 'No data';
  if (diff.kind === 'json') return 'Show data';
  const [first] = diff.lines;
  if (diff.lines.length === 1 && first.kind === 'changed') return `${first.key}: ${first.before} → ${first.after}`;
  return diff.lines.length === 0 ? 'No field changed' : `${diff.lines.length} field${diff.lines.length === 1 ? '' : 's'}`;
}
