// Single-line text (plain, email, url, semver); markdown goes to its own control (write and preview).

import type { ControlProps } from '../form-context';
import { inputClass } from '../styles';
import { MarkdownControl } from './markdown-control';

const INPUT_TYPES: Record<string, string> = { email: 'email', url: 'url' };
const PLACEHOLDERS: Record<string, string> = { email: 'name@example.com', url: 'https://', semver: '1.0.0' };

export function TextControl({
  field,
  id,
  pointer,
  value,
  onChange,
  onBlur,
  invalid,
  describedBy,
  readOnly,
}: ControlProps & { readOnly?: boolean }) {
  const common = {
    id,
    name: pointer,
    'data-pointer': pointer,
    value: value === undefined || value === null ? '' : String(value),
    // An emptied optional field is removed from the data, not stored as "" (which formats reject).
    onChange: (e: { target: { value: string } }) => onChange(e.target.value === '' ? undefined : e.target.value),
    onBlur,
    readOnly,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    className: readOnly ? `${inputClass} bg-slate-50 text-slate-500` : inputClass,
  };
  if (field.control === 'textarea') return <MarkdownControl {...{ field, id, pointer, value, onChange, onBlur, invalid, describedBy }} />;
  return (
    <input
      type={INPUT_TYPES[field.control] ?? 'text'}
      placeholder={PLACEHOLDERS[field.control]}
      spellCheck={field.control === 'text' ? undefined : false}
      autoComplete="off"
      {...common}
    />
  );
}
