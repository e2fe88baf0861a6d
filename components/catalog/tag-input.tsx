'use client';

import { useState, type KeyboardEvent } from 'react';
import { inputClass } from './control-styles';

/**
 * A list of values typed one by one: Enter or a comma adds the text as a chip, Backspace in the
 * empty box removes the last chip. `parse` turns the text into a value (null refuses it).
 */
export function TagInput({
  value,
  onChange,
  parse = (t) => t,
  label,
  placeholder = 'Type, then Enter',
  invalid,
}: {
  value: unknown[];
  onChange: (next: unknown[]) => void;
  parse?: (text: string) => unknown;
  label: string;
  placeholder?: string;
  invalid?: boolean;
}) {
  const [text, setText] = useState('');
  const [refused, setRefused] = useState(false);
  const add = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const parsed = parse(trimmed);
    if (parsed === null) {
      setRefused(true);
      return;
    }
    if (!value.includes(parsed)) onChange([...value, parsed]);
    setText('');
    setRefused(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && text === '' && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <div className={`flex min-h-9 min-w-56 flex-wrap items-center gap-1 rounded-md border bg-white px-1.5 py-1 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30 ${invalid || refused ? 'border-red-500' : 'border-slate-300'}`}>
      {value.map((v, i) => (
        <span key={`${String(v)}-${i}`} className="inline-flex items-center gap-1 rounded bg-indigo-50 py-0.5 pl-2 pr-1 text-xs font-medium text-indigo-700">
          {String(v)}
          <button type="button" aria-label={`Remove ${String(v)}`} onClick={() => onChange(value.filter((_, j) => j !== i))} className="rounded px-1 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800">
            ×
          </button>
        </span>
      ))}
      <input
        aria-label={label}
        aria-invalid={invalid || refused || undefined}
        value={text}
        placeholder={value.length ? '' : placeholder}
        onChange={(e) => {
          setText(e.target.value);
          setRefused(false);
        }}
        onKeyDown={onKeyDown}
        onBlur={add}
        className={`${inputClass} h-7 min-w-24 flex-1 border-0 px-1 shadow-none focus:ring-0`}
      />
    </div>
  );
}
