// A number input (step 1 for integers) with the schema's minimum and maximum.

import type { ControlProps } from '../form-context';
import { inputClass } from '../styles';

export function NumberControl({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  return (
    <input
      type="number"
      inputMode={field.step === 1 ? 'numeric' : 'decimal'}
      id={id}
      name={pointer}
      data-pointer={pointer}
      step={field.step}
      min={field.min}
      max={field.max}
      value={typeof value === 'number' || typeof value === 'string' ? value : ''}
      onChange={(e) => {
        const raw = e.target.value;
        // A value the browser cannot parse stays a string, so ajv reports "Must be a number".
        onChange(raw === '' ? undefined : Number.isNaN(Number(raw)) ? raw : Number(raw));
      }}
      onBlur={onBlur}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={field.required || undefined}
      className={`${inputClass} max-w-xs`}
    />
  );
}
