'use client';

import { TagInput } from '@/components/ui/tag-input';
import type { Field } from '@/lib/catalog-view/fields';
import { inputClass, selectClass } from '../control-styles';

// The value a bulk "Set property" writes, by the property's kind (from the blueprint schema, as
// the filter builder's fields are): a list of its values for an enum or a boolean, a number box,
// a date picker, a list of strings, else a text box. Objects and untyped properties are not
// offered (bulkFields): one value typed in a box cannot stand for them.

const EDITABLE = new Set(['string', 'enum', 'number', 'boolean', 'date', 'semver', 'stringArray']);

/** The blueprint's own properties a bulk edit may set (no meta-properties, relations or scorecards). */
export function bulkFields(fields: Field[]): Field[] {
  return fields.filter((f) => !f.meta && !f.via && !f.scorecard && EDITABLE.has(f.kind) && !f.key.startsWith('$'));
}

/** The value as the person would read it, for the confirmation ("Set Lifecycle to production…"). */
export function shownValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** Whether `value` is one the control could have produced (else the dialog keeps its button off). */
export function isReady(field: Field, value: unknown): boolean {
  if (field.kind === 'stringArray') return Array.isArray(value);
  if (field.kind === 'number') return typeof value === 'number';
  if (field.kind === 'boolean') return typeof value === 'boolean';
  return value !== '' && value !== undefined;
}

type Props = { field: Field; value: unknown; onChange(value: unknown): void };

export function BulkValueInput({ field, value, onChange }: Props) {
  const label = `New value of ${field.label}`;
  if (field.kind === 'enum' || field.kind === 'boolean') {
    const options = field.kind === 'boolean' ? [true, false] : (field.options ?? []);
    const index = options.findIndex((o) => o === value);
    return (
      <select
        aria-label={label}
        className={`${selectClass} w-full`}
        value={index < 0 ? '' : String(index)}
        onChange={(e) => onChange(e.target.value === '' ? '' : options[Number(e.target.value)])}
      >
        <option value="">Choose a value…</option>
        {options.map((o, i) => (
          <option key={String(o)} value={i}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  }
  if (field.kind === 'stringArray') {
    return <TagInput label={label} value={Array.isArray(value) ? value : []} onChange={onChange} />;
  }
  if (field.kind === 'number') {
    return (
      <input
        type="number"
        step="any"
        aria-label={label}
        className={`${inputClass} w-full`}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value.trim() === '' || !Number.isFinite(Number(e.target.value)) ? '' : Number(e.target.value))}
      />
    );
  }
  if (field.kind === 'date' && field.format === 'date') {
    return (
      <input
        type="date"
        aria-label={label}
        className={`${inputClass} w-full`}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <input
      type="text"
      aria-label={label}
      className={`${inputClass} w-full`}
      placeholder={field.kind === 'semver' ? 'e.g. 2.0.0' : field.kind === 'date' ? 'e.g. 2026-01-31T12:00:00Z' : 'Value'}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
