// A list of strings as removable tags: Enter or comma adds, Backspace on an empty input removes the last.

'use client';

import { useState, type KeyboardEvent } from 'react';
import type { ControlProps } from '../form-context';

export function TagInput({ field, id, pointer, value, onChange, onBlur, invalid, describedBy }: ControlProps) {
  const [draft, setDraft] = useState('');
  const tags = Array.isArray(value) ? value.map(String) : [];
  const full = field.maxItems !== undefined && tags.length >= field.maxItems;

  const commit = (list: string[]) => onChange(list.length ? list : undefined);
  const addAll = (parts: string[]) => {
    const next = [...tags];
    for (const part of parts.map((p) => p.trim())) if (part && !next.includes(part)) next.push(part);
    if (next.length !== tags.length) commit(next);
  };
  const add = () => {
    setDraft('');
    addAll([draft]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && tags.length > 0) {
      e.preventDefault();
      commit(tags.slice(0, -1));
    }
  };

  return (
    <div
      className={`flex flex-wrap items-center gap-1.5 rounded-md border bg-white px-2 py-1.5 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30 ${invalid ? 'border-red-500' : 'border-slate-300'}`}
    >
      <ul className="contents" aria-label={`${field.label} values`}>
        {tags.map((tag, i) => (
          <li key={`${i}:${tag}`} className="inline-flex items-center gap-1 rounded bg-indigo-50 py-0.5 pl-2 pr-1 text-xs font-medium text-indigo-700">
            {tag}
            <button
              type="button"
              onClick={() => commit(tags.filter((_, j) => j !== i))}
              aria-label={`Remove ${tag}`}
              className="rounded px-1 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <input
        id={id}
        data-pointer={pointer}
        value={draft}
        onChange={(e) => {
          // A pasted "a, b, c" becomes tags; the text after the last comma stays as the draft.
          const parts = e.target.value.split(',');
          setDraft(parts.pop() ?? '');
          if (parts.length) addAll(parts);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          add(); // a typed but unconfirmed tag is kept, not silently dropped
          onBlur();
        }}
        placeholder={full ? '' : tags.length ? 'Add another…' : 'Type and press Enter'}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-required={field.required || undefined}
        autoComplete="off"
        className="min-w-32 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm placeholder:text-slate-400 focus:outline-none"
      />
    </div>
  );
}
