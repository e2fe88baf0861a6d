'use client';

import { useState, type KeyboardEvent } from 'react';

/**
 * A list of values typed one by one, as removable chips: Enter or a comma adds the text, a pasted
 * "a, b, c" adds each part, Backspace in the empty box removes the last chip, and leaving the box
 * keeps a typed but unconfirmed value rather than dropping it. `parse` turns the text into a value
 * (null refuses it: the box turns red). The one tag input of the portal: the entity form's list
 * of strings and the filter builder's list of values.
 */
export function TagInput({
  value,
  onChange,
  parse = (t) => t,
  label,
  id,
  describedBy,
  required,
  maxItems,
  placeholder,
  invalid,
  onBlur,
  inputProps,
}: {
  value: unknown[];
  onChange: (next: unknown[]) => void;
  parse?: (text: string) => unknown;
  /** The accessible name of the box without `id` (else its <label for> names it), and of the list with one. */
  label: string;
  id?: string;
  describedBy?: string;
  required?: boolean;
  maxItems?: number;
  placeholder?: string;
  invalid?: boolean;
  onBlur?: () => void;
  inputProps?: Record<`data-${string}`, string>;
}) {
  const [draft, setDraft] = useState('');
  const [refused, setRefused] = useState(false);
  const full = maxItems !== undefined && value.length >= maxItems;

  /** Adds the parsed parts not already there; false when one of them does not parse. */
  const addAll = (parts: string[]): boolean => {
    const next = [...value];
    for (const part of parts.map((p) => p.trim())) {
      if (!part) continue;
      const parsed = parse(part);
      if (parsed === null) return false;
      if (!next.includes(parsed)) next.push(parsed);
    }
    if (next.length !== value.length) onChange(next);
    return true;
  };
  const add = () => {
    const ok = addAll([draft]);
    setRefused(!ok);
    if (ok) setDraft('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
      e.preventDefault();
      onChange(value.slice(0, -1));
    }
  };
  const shown = invalid || refused;

  return (
    <div
      className={`flex min-h-9 min-w-56 flex-wrap items-center gap-1 rounded-md border bg-white px-1.5 py-1 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30 ${shown ? 'border-red-500' : 'border-slate-300'}`}
    >
      {/* The list is named only beside a <label for> box: else "<label> values" would also match the box's name. */}
      <ul className="contents" aria-label={id ? `${label} values` : undefined}>
        {value.map((v, i) => (
          <li
            key={`${i}:${String(v)}`}
            className="inline-flex items-center gap-1 rounded bg-indigo-50 py-0.5 pl-2 pr-1 text-xs font-medium text-indigo-700"
          >
            {String(v)}
            <button
              type="button"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={`Remove ${String(v)}`}
              className="rounded px-1 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800 focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <input
        {...inputProps}
        id={id}
        aria-label={id ? undefined : label}
        value={draft}
        onChange={(e) => {
          // A pasted "a, b, c" becomes chips; the text after the last comma stays as the draft.
          const parts = e.target.value.split(',');
          const rest = parts.pop() ?? '';
          const ok = parts.length === 0 || addAll(parts);
          setDraft(ok ? rest : e.target.value);
          setRefused(!ok);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          add();
          onBlur?.();
        }}
        placeholder={full ? '' : (placeholder ?? (value.length ? 'Add another…' : 'Type and press Enter'))}
        aria-invalid={shown || undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        autoComplete="off"
        className="h-7 min-w-24 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm placeholder:text-slate-400 focus:outline-none"
      />
    </div>
  );
}
