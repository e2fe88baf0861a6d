// Date and date-time pickers; a date-time is stored as ISO 8601 in UTC, shown in local time.

import { isoToLocalInput, localInputToIso } from '@/lib/forms/datetime-local';
import type { ControlProps } from '../form-context';
import { inputClass } from '../styles';
import { TextControl } from './text-control';

export function DateControl(props: ControlProps) {
  const { field, id, pointer, value, onChange, onBlur, invalid, describedBy } = props;
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    name: pointer,
    'data-pointer': pointer,
    onBlur,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
    className: `${inputClass} max-w-xs`,
  };
  if (field.control === 'date') {
    return <input type="date" {...common} value={text} onChange={(e) => onChange(e.target.value || undefined)} />;
  }
  const local = text ? isoToLocalInput(text) : '';
  // A stored value the picker cannot show is edited as text rather than lost.
  if (local === null) return <TextControl {...props} />;
  return <input type="datetime-local" {...common} value={local} onChange={(e) => onChange(localInputToIso(e.target.value))} />;
}
