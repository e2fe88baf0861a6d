// Raw JSON for a property the generated controls cannot represent (oneOf, $ref, ...): nothing is lost.

'use client';

import { useState } from 'react';
import { useFormApi, type ControlProps } from '../form-context';
import { inputClass } from '../styles';

export function JsonFallbackControl({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  const form = useFormApi();
  const [draft, setDraft] = useState(() => (value === undefined ? '' : JSON.stringify(value, null, 2)));
  return (
    <textarea
      id={id}
      name={pointer}
      data-pointer={pointer}
      rows={4}
      spellCheck={false}
      value={draft}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        if (text.trim() === '') {
          form.setLocalError(pointer, undefined);
          onChange(undefined);
          return;
        }
        try {
          onChange(JSON.parse(text));
          form.setLocalError(pointer, undefined);
        } catch {
          // The last valid value stays in the data; the error blocks submitting until fixed.
          form.setLocalError(pointer, 'Must be valid JSON');
        }
      }}
      onBlur={onBlur}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      aria-required={field.required || undefined}
      className={`${inputClass} font-mono text-xs`}
    />
  );
}
