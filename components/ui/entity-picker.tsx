'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { api, queryKeys } from '@/lib/web/api-client';
import { useDebounced } from '@/lib/web/use-debounced';

// Picks entities of one blueprint by typing: a combobox over the blueprint's entities searched by
// identifier and title (GET .../entities?q=, the catalog's own search), one or several by
// `multiple`. Chosen ones show as chips, each with its own remove button. Keyboard: ↓/↑ move,
// Enter picks, Escape closes, Backspace in the empty box removes the last chip.

export type EntityOption = { identifier: string; title: string | null };

type Props = {
  team: string;
  blueprint: string;
  /** What one of them is called, for the placeholder and messages ("cluster"). */
  noun: string;
  multiple: boolean;
  value: string[];
  onChange(value: string[]): void;
  /** Titles already known for chosen identifiers (the page's related entities). */
  titles?: Record<string, string | null>;
  id?: string;
  pointer?: string;
  invalid?: boolean;
  describedBy?: string;
  onBlur?(): void;
  label?: string;
};

const OPTIONS = 8;

export function EntityPicker({
  team,
  blueprint,
  noun,
  multiple,
  value,
  onChange,
  titles = {},
  id,
  pointer,
  invalid,
  describedBy,
  onBlur,
  label,
}: Props) {
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [known, setKnown] = useState<Record<string, string | null>>(titles);
  const q = useDebounced(text.trim(), 200);
  const search = useQuery({
    queryKey: queryKeys.entityOptions(team, blueprint, q),
    queryFn: () =>
      api<{ entities: EntityOption[] }>(
        `/teams/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}/entities?limit=${OPTIONS}${q ? `&q=${encodeURIComponent(q)}` : ''}`,
      ),
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const options = search.data?.entities ?? [];
  const current = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${listId}-option-${i}`;

  const pick = (option: EntityOption) => {
    setKnown((k) => ({ ...k, [option.identifier]: option.title }));
    if (!multiple) onChange([option.identifier]);
    else if (value.includes(option.identifier)) onChange(value.filter((v) => v !== option.identifier));
    else onChange([...value, option.identifier]);
    setText('');
    setActive(0);
    if (!multiple) setOpen(false);
    input.current?.focus();
  };
  const remove = (identifier: string) => {
    onChange(value.filter((v) => v !== identifier));
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return setOpen(true);
      const n = options.length;
      if (n) setActive((current + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
    } else if (e.key === 'Enter' && open) {
      e.preventDefault(); // never submits the form from inside the picker
      if (options[current]) pick(options[current]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  const searching = open && (q !== text.trim() || search.isFetching);
  return (
    <div
      className="relative"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
          setOpen(false);
          onBlur?.();
        }
      }}
    >
      <div
        className={`flex min-h-10 flex-wrap items-center gap-1.5 rounded-md border bg-white px-2 py-1.5 shadow-sm focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/30 ${invalid ? 'border-red-500' : 'border-slate-300'}`}
        onClick={() => input.current?.focus()}
      >
        {value.map((identifier) => (
          <span
            key={identifier}
            className="inline-flex max-w-full items-center gap-1 rounded-md bg-indigo-50 py-0.5 pl-2 pr-1 text-sm text-indigo-900 ring-1 ring-indigo-200"
            data-testid="picked-entity"
          >
            <span className="truncate">{known[identifier] ?? titles[identifier] ?? identifier}</span>
            {(known[identifier] ?? titles[identifier]) && <span className="truncate font-mono text-xs text-indigo-600">{identifier}</span>}
            <button
              type="button"
              onClick={() => remove(identifier)}
              aria-label={`Remove ${identifier}`}
              className="rounded px-1 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800"
            >
              ✕
            </button>
          </span>
        ))}
        <input
          ref={input}
          id={id}
          name={pointer}
          data-pointer={pointer}
          role="combobox"
          aria-label={id ? undefined : label}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && current >= 0 && options[current] ? optionId(current) : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          value={text}
          placeholder={value.length && !multiple ? `Type to pick another ${noun}` : `Search ${noun}s by identifier or title…`}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={onKeyDown}
          maxLength={200}
          className="min-w-40 flex-1 border-0 bg-transparent p-0.5 text-sm placeholder:text-slate-400 focus:outline-none focus:ring-0"
        />
        {searching && <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" aria-hidden />}
      </div>
      {open && (
        <div className="absolute z-20 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg">
          <ul
            id={listId}
            role="listbox"
            aria-label={`${noun}s`}
            aria-multiselectable={multiple || undefined}
            className="max-h-72 overflow-y-auto py-1"
          >
            {options.map((option, i) => {
              const chosen = value.includes(option.identifier);
              return (
                <li
                  key={option.identifier}
                  id={optionId(i)}
                  role="option"
                  aria-selected={chosen}
                  onMouseDown={(e) => e.preventDefault() /* keeps focus in the input */}
                  onMouseMove={() => i !== current && setActive(i)}
                  onClick={() => pick(option)}
                  className={`flex cursor-pointer items-center gap-2 px-3 py-1.5 text-sm ${i === current ? 'bg-indigo-50' : ''}`}
                >
                  <span aria-hidden className={`w-4 text-indigo-600 ${chosen ? '' : 'invisible'}`}>
                    ✓
                  </span>
                  <span className="min-w-0 flex-1 truncate font-medium text-slate-900">{option.title ?? option.identifier}</span>
                  <span className="truncate font-mono text-xs text-slate-500">{option.identifier}</span>
                </li>
              );
            })}
          </ul>
          {!searching && options.length === 0 && (
            <p role="status" className="px-3 py-2 text-sm text-slate-500">
              {search.error ? `Search failed: ${search.error.message}` : q ? `No ${noun} matches “${q}”.` : `No ${noun}s yet.`}
            </p>
          )}
          {search.data && options.length === OPTIONS && (
            <p className="border-t border-slate-100 bg-slate-50 px-3 py-1 text-xs text-slate-500">
              Showing the first {OPTIONS}: type to narrow.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
