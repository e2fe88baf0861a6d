// A <select> of the schema's enum values, with an empty choice so "not set" is never a silent pick.

import type { ControlProps } from '../form-context';
import { inputClass } from '../styles';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function SelectControl({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  const options = field.options ?? [];
  const index = options.findIndex((o) => Object.is(o, value) || show(o) === show(value));
  const unknown = value !== undefined && index === -1;
  return (
    <select
      id={id}
      name={pointer}
      data-pointer={pointer}
      value={unknown ? 'current' : index === -1 ? '' : String(index)}
      onChange={(e) => {
        const v = e.target.value;
        if (v === 'current') return;
        onChange(v === '' ? undefined : options[Number(v)]);
      }}
      onBlur={onBlur}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={field.required || undefined}
      className={`${inputClass} max-w-xs`}
    >
      {/* Required: a placeholder to leave; optional: the way back to "not set". */}
      <option value="">{field.required ? 'Choose…' : '— None —'}</option>
      {/* Keep a stored value the schema no longer allows visible instead of silently dropping it. */}
      {unknown && <option value="current">{show(value)} (not allowed)</option>}
      {options.map((o, i) => (
        <option key={show(o)} value={String(i)}>
          {show(o)}
        </option>
      ))}
    </select>
  );
}
