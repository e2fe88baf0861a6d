// An array of enum values as a group of checkboxes, stored in the schema's option order.

import type { ControlProps } from '../form-context';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function MultiSelectControl({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  const options = field.options ?? [];
  const selected = Array.isArray(value) ? value : [];
  const has = (o: unknown) => selected.some((s) => show(s) === show(o));
  const toggle = (o: unknown) => {
    const next = has(o) ? selected.filter((s) => show(s) !== show(o)) : options.filter((x) => has(x) || show(x) === show(o));
    onChange(next.length ? next : undefined);
  };
  return (
    <div className="flex flex-wrap gap-x-5 gap-y-2">
      {options.map((o, i) => (
        <label key={show(o)} htmlFor={`${id}-${i}`} className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            id={`${id}-${i}`}
            data-pointer={pointer}
            checked={has(o)}
            onChange={() => toggle(o)}
            onBlur={onBlur}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            className="h-4 w-4 rounded border-slate-300 text-indigo-600 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          />
          {show(o)}
        </label>
      ))}
    </div>
  );
}
