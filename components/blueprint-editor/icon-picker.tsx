'use client';

import { useEffect, useRef, useState } from 'react';
import { ICONS } from './icons';

// An emoji icon for the blueprint: a button that opens a searchable grid. Arrow keys move in the
// grid, Enter picks, Escape closes and gives focus back to the button.

const COLUMNS = 10;

export function IconPicker({ value, onChange }: { value: string | null; onChange(icon: string | null): void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const shown = ICONS.filter(([, words]) => words.includes(query.trim().toLowerCase()));

  useEffect(() => {
    if (open) grid.current?.querySelector<HTMLButtonElement>(`[data-index="${active}"]`)?.focus();
  }, [active, open]);

  function close() {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  }
  function pick(icon: string | null) {
    onChange(icon);
    close();
  }
  function onGridKey(e: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS };
    if (e.key in moves) {
      e.preventDefault();
      setActive((a) => Math.min(shown.length - 1, Math.max(0, a + moves[e.key])));
    }
  }

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={`Icon: ${value ?? 'none'}. Choose an icon`}
        onClick={() => setOpen(!open)}
        className="flex h-10 w-14 items-center justify-center rounded-md border border-slate-300 bg-white text-2xl shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500"
      >
        {value ?? <span className="text-sm text-slate-500">none</span>}
      </button>
      {open && (
        <div
          role="dialog"
          aria-label="Choose an icon"
          className="absolute left-0 z-20 mt-1 w-96 rounded-lg border border-slate-200 bg-white p-3 shadow-lg"
          onKeyDown={(e) => e.key === 'Escape' && close()}
        >
          <input
            autoFocus
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && shown.length > 0) {
                e.preventDefault();
                grid.current?.querySelector<HTMLButtonElement>('[data-index="0"]')?.focus();
              }
              if (e.key === 'Enter' && shown[0]) {
                e.preventDefault();
                pick(shown[0][0]);
              }
            }}
            placeholder="Search: server, database, cloud…"
            aria-label="Search icons"
            className="mb-2 w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
          />
          <div ref={grid} role="listbox" aria-label="Icons" className="grid grid-cols-10 gap-1" onKeyDown={onGridKey}>
            {shown.map(([icon, words], i) => (
              <button
                key={icon}
                type="button"
                role="option"
                aria-selected={icon === value}
                aria-label={words.split(' ')[0]}
                title={words}
                data-index={i}
                tabIndex={i === active ? 0 : -1}
                onFocus={() => setActive(i)}
                onClick={() => pick(icon)}
                className={`flex h-8 w-8 items-center justify-center rounded text-xl hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 ${icon === value ? 'bg-indigo-100' : ''}`}
              >
                {icon}
              </button>
            ))}
          </div>
          {shown.length === 0 && <p className="py-3 text-center text-sm text-slate-500">No icon matches “{query}”.</p>}
          <button type="button" onClick={() => pick(null)} className="mt-2 text-xs text-slate-500 hover:text-slate-700 hover:underline">
            No icon
          </button>
        </div>
      )}
    </div>
  );
}
