'use client';

import { TagInput } from '@/components/ui/tag-input';
import type { Field } from '@/lib/catalog-view/fields';
import type { ValueControl } from '@/lib/catalog-view/operators';
import { inputClass, selectClass } from './control-styles';
import { RelatedToInput } from './related-to-input';
import { DATE_PRESET_LABELS, DATE_PRESETS } from '@/lib/domain/date-presets';

// The value control of one filter rule, by the control its operator needs on its field's type.

type Props = { field: Field; control: ValueControl; value: unknown; onChange: (value: unknown) => void; label: string; invalid?: boolean };

const toNumber = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** A date-time property compares instants: the picked day means its first instant, in UTC. */
function fromDay(field: Field, day: string): string {
  if (!day) return '';
  return field.format === 'date' ? day : `${day}T00:00:00Z`;
}
const toDay = (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : '');

function ScalarInput({
  field,
  kind,
  value,
  onChange,
  label,
  invalid,
}: Omit<Props, 'control'> & { kind: 'number' | 'text' | 'semver' | 'date' }) {
  const common = { 'aria-label': label, 'aria-invalid': invalid || undefined, className: `${inputClass} w-44` };
  if (kind === 'number') {
    return (
      <input
        type="number"
        step="any"
        {...common}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(toNumber(e.target.value) ?? '')}
      />
    );
  }
  if (kind === 'date')
    return <input type="date" {...common} value={toDay(value)} onChange={(e) => onChange(fromDay(field, e.target.value))} />;
  return (
    <input
      type="text"
      {...common}
      placeholder={kind === 'semver' ? 'e.g. 2.0.0' : 'Value'}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function RangeInput({
  kind,
  value,
  onChange,
  label,
  invalid,
  field,
}: Omit<Props, 'control'> & { kind: 'number' | 'semver' | 'date' | 'text' }) {
  const pair = Array.isArray(value) && value.length === 2 ? value : [null, null];
  const set = (i: 0 | 1, v: unknown) => onChange(i === 0 ? [v === '' ? null : v, pair[1]] : [pair[0], v === '' ? null : v]);
  return (
    <span className="inline-flex items-center gap-1.5">
      <ScalarInput field={field} kind={kind} value={pair[0]} onChange={(v) => set(0, v)} label={`${label} from`} invalid={invalid} />
      <span className="text-xs text-slate-500">and</span>
      <ScalarInput field={field} kind={kind} value={pair[1]} onChange={(v) => set(1, v)} label={`${label} to`} invalid={invalid} />
    </span>
  );
}

function DateRangeInput(props: Omit<Props, 'control'>) {
  const { value, onChange, label } = props;
  const preset = value && typeof value === 'object' && !Array.isArray(value) ? String((value as { preset?: unknown }).preset ?? '') : '';
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <select
        aria-label={`${label} range`}
        className={selectClass}
        value={preset || 'custom'}
        onChange={(e) => onChange(e.target.value === 'custom' ? [null, null] : { preset: e.target.value })}
      >
        {DATE_PRESETS.map((p) => (
          <option key={p} value={p}>
            {DATE_PRESET_LABELS[p]}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </select>
      {!preset && <RangeInput {...props} kind="date" />}
    </span>
  );
}

function EnumList({ field, value, onChange, label }: Omit<Props, 'control'>) {
  const picked = Array.isArray(value) ? value : [];
  return (
    <span role="group" aria-label={label} className="inline-flex flex-wrap gap-1">
      {(field.options ?? []).map((option) => {
        const on = picked.includes(option);
        return (
          <button
            key={String(option)}
            type="button"
            aria-pressed={on}
            onClick={() => onChange(on ? picked.filter((v) => v !== option) : [...picked, option])}
            className={`h-9 rounded-md border px-2.5 text-sm ${on ? 'border-indigo-500 bg-indigo-50 font-medium text-indigo-700' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {String(option)}
          </button>
        );
      })}
    </span>
  );
}

export function RuleValueInput(props: Props) {
  const { field, control, value, onChange, label, invalid } = props;
  switch (control) {
    case 'none':
      return null;
    case 'number':
    case 'text':
    case 'semver':
    case 'date':
      return <ScalarInput {...props} kind={control} />;
    case 'numberRange':
      return <RangeInput {...props} kind="number" />;
    case 'semverRange':
      return <RangeInput {...props} kind="semver" />;
    case 'textRange':
      return <RangeInput {...props} kind="text" />;
    case 'dateRange':
      return <DateRangeInput {...props} />;
    case 'boolean':
      return (
        <button
          type="button"
          role="switch"
          aria-checked={value === true}
          aria-label={label}
          onClick={() => onChange(value !== true)}
          className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-700 hover:bg-slate-50"
        >
          <span className={`relative h-5 w-9 rounded-full transition ${value === true ? 'bg-indigo-600' : 'bg-slate-300'}`} aria-hidden>
            <span
              className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition ${value === true ? 'left-4.5' : 'left-0.5'}`}
            />
          </span>
          {value === true ? 'Yes' : 'No'}
        </button>
      );
    case 'enum':
      return (
        <select
          aria-label={label}
          className={selectClass}
          value={String(value ?? '')}
          onChange={(e) => onChange((field.options ?? []).find((o) => String(o) === e.target.value) ?? '')}
        >
          {(field.options ?? []).map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      );
    case 'enumList':
      return <EnumList {...props} />;
    case 'related':
      return <RelatedToInput value={value} onChange={onChange} label={label} invalid={invalid} />;
    case 'tags': {
      const parse = field.kind === 'number' || field.kind === 'numberArray' ? toNumber : (t: string) => t;
      return (
        <TagInput
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          parse={parse}
          label={label}
          placeholder="Type, then Enter"
          invalid={invalid}
        />
      );
    }
  }
}
