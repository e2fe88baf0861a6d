'use client';

import { fieldMap, type Field } from '@/lib/catalog-view/fields';
import { operatorLabel } from '@/lib/catalog-view/operators';
import { isGroup, type Group, type Node, type RelatedValue } from '@/lib/catalog-view/rule-tree';
import { DATE_PRESET_LABELS, isDatePreset } from '@/lib/domain/date-presets';
import { RELATED_DIRECTIONS } from './related-to-input';

// The applied filter in words ("Status is any of active, retired and Replicas at least 2"), with
// Edit and Clear, shown while the builder is closed.

function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value))
    return value.map((v) => (v === null ? '…' : String(v))).join(value.length === 2 && typeof value[0] !== 'string' ? ' and ' : ', ');
  if (value && typeof value === 'object') {
    const preset = (value as { preset?: unknown }).preset;
    return isDatePreset(preset) ? DATE_PRESET_LABELS[preset].toLowerCase() : '';
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00Z$/.test(value)) return value.slice(0, 10);
  return String(value);
}

export function describeNode(node: Node, fields: Map<string, Field>): string {
  if (isGroup(node)) return `(${node.rules.map((n) => describeNode(n, fields)).join(` ${node.combinator} `)})`;
  if (node.operator === 'relatedTo') {
    const r = node.value as RelatedValue;
    const direction = RELATED_DIRECTIONS.find((d) => d.value === r.direction)?.label ?? r.direction;
    return `${direction.charAt(0).toUpperCase()}${direction.slice(1)} ${r.blueprint} ${r.value.join(', ')}${r.max_hops > 1 ? ` within ${r.max_hops} hops` : ''}`;
  }
  const field = fields.get(node.property);
  const label = field?.label ?? node.property;
  return [label, operatorLabel(node.operator, field?.kind ?? 'string'), valueText(node.value)].filter(Boolean).join(' ');
}

export function RuleSummary({
  fields,
  query,
  onEdit,
  onClear,
}: {
  fields: Field[];
  query: Group;
  onEdit: () => void;
  onClear: () => void;
}) {
  const byKey = fieldMap(fields);
  return (
    <div className="flex items-center gap-3 rounded-lg border border-indigo-100 bg-indigo-50/60 px-3 py-2 text-sm text-slate-700">
      <span className="font-medium text-indigo-800">Filtered:</span>
      <span className="min-w-0 flex-1 truncate" title={query.rules.map((n) => describeNode(n, byKey)).join(` ${query.combinator} `)}>
        {query.rules.map((n) => describeNode(n, byKey)).join(` ${query.combinator} `)}
      </span>
      <button type="button" onClick={onEdit} className="font-medium text-indigo-700 hover:underline">
        Edit
      </button>
      <button type="button" onClick={onClear} className="font-medium text-slate-600 hover:underline">
        Clear
      </button>
    </div>
  );
}
