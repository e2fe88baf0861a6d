'use client';

import { useOutsideClose } from './use-outside-close';
import { Button } from '@/components/ui/button';
import type { Field } from '@/lib/catalog-view/fields';

// Show, hide and reorder the table's columns. A popover of checkboxes with move up / down
// buttons (keyboard-usable, no drag needed); Escape or a click outside closes it.

type Props = { fields: Field[]; columns: string[]; onChange: (columns: string[]) => void; onReset: () => void };

export function ColumnPicker({ fields, columns, onChange, onReset }: Props) {
  const { open, setOpen, root } = useOutsideClose<HTMLDivElement>();

  const shown = columns.map((key) => fields.find((f) => f.key === key)).filter((f): f is Field => !!f);
  const hidden = fields.filter((f) => !columns.includes(f.key) && f.key !== '$identifier' && f.key !== '$title');
  const move = (index: number, by: -1 | 1) => {
    const next = [...columns];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next);
  };

  return (
    <div ref={root} className="relative" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <Button variant="secondary" aria-expanded={open} aria-controls="column-picker" onClick={() => setOpen((o) => !o)}>
        Columns
      </Button>
      {open && (
        <div
          id="column-picker"
          role="group"
          aria-label="Columns"
          className="absolute right-0 z-30 mt-2 max-h-[28rem] w-72 overflow-y-auto rounded-xl border border-slate-200 bg-white p-2 shadow-lg"
        >
          <p className="px-2 pb-1 pt-1 text-xs font-medium uppercase tracking-wide text-slate-500">Shown</p>
          <ul>
            {shown.map((f, i) => (
              <li key={f.key} className="flex items-center gap-1 rounded-md px-2 py-1 hover:bg-slate-50">
                <label className="flex min-w-0 flex-1 items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked
                    onChange={() => onChange(columns.filter((k) => k !== f.key))}
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                  />
                  <span className="truncate">{f.label}</span>
                </label>
                <button
                  type="button"
                  aria-label={`Move ${f.label} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  className="rounded px-1.5 text-slate-500 hover:bg-slate-200 disabled:opacity-30"
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${f.label} down`}
                  disabled={i === shown.length - 1}
                  onClick={() => move(i, 1)}
                  className="rounded px-1.5 text-slate-500 hover:bg-slate-200 disabled:opacity-30"
                >
                  ↓
                </button>
              </li>
            ))}
          </ul>
          {hidden.length > 0 && (
            <p className="border-t border-slate-100 px-2 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-500">Hidden</p>
          )}
          <ul>
            {hidden.map((f) => (
              <li key={f.key} className="rounded-md px-2 py-1 hover:bg-slate-50">
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    checked={false}
                    onChange={() => onChange([...columns, f.key])}
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600"
                  />
                  <span className="truncate">{f.label}</span>
                </label>
              </li>
            ))}
          </ul>
          <div className="border-t border-slate-100 px-2 pt-2">
            <button type="button" onClick={onReset} className="text-xs font-medium text-indigo-600 hover:underline">
              Reset to the default columns
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
