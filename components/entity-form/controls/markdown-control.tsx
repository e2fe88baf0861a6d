'use client';

import { useState } from 'react';
import { MarkdownView } from '@/components/entity/markdown-view';
import type { ControlProps } from '../form-context';
import { inputClass } from '../styles';

// A markdown property: written in a textarea, with a Preview that shows it as the entity page will
// (the same MarkdownView). The textarea stays mounted while previewing (hidden), so the label, the
// errors and the form's focus-on-error keep finding it.

const tabClass = (on: boolean) =>
  `rounded px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
    on ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
  }`;

export function MarkdownControl({ id, pointer, value, onChange, onBlur, invalid, describedBy, field }: ControlProps) {
  const [preview, setPreview] = useState(false);
  const text = value === undefined || value === null ? '' : String(value);
  return (
    <div className="space-y-1.5">
      <div className="inline-flex gap-1 rounded-md bg-slate-100 p-0.5">
        <button type="button" aria-pressed={!preview} className={tabClass(!preview)} onClick={() => setPreview(false)}>
          Write
        </button>
        <button type="button" aria-pressed={preview} aria-controls={id} className={tabClass(preview)} onClick={() => setPreview(true)}>
          Preview
        </button>
      </div>
      <textarea
        id={id}
        name={pointer}
        data-pointer={pointer}
        rows={5}
        hidden={preview}
        value={text}
        // An emptied optional field is removed from the data, not stored as "".
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        onBlur={onBlur}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={field.required || undefined}
        className={`${inputClass} font-mono`}
      />
      {preview && (
        <div data-testid="markdown-preview" className="min-h-[7.5rem] rounded-md border border-slate-200 bg-white px-3 py-2">
          {text.trim() ? <MarkdownView source={text} /> : <p className="text-sm text-slate-500">Nothing to preview yet.</p>}
        </div>
      )}
    </div>
  );
}
