// A boolean as a switch: a real checkbox with role="switch", so Space toggles it.

import type { ControlProps } from '../form-context';

export function ToggleControl({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  return (
    <input
      type="checkbox"
      role="switch"
      id={id}
      name={pointer}
      data-pointer={pointer}
      checked={value === true}
      onChange={(e) => onChange(e.target.checked)}
      onBlur={onBlur}
      aria-checked={value === true}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={field.required || undefined}
      className="relative h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-300 transition before:absolute before:left-0.5 before:top-0.5 before:h-4 before:w-4 before:rounded-full before:bg-white before:shadow before:transition checked:bg-indigo-600 checked:before:translate-x-4 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-500"
    />
  );
}
