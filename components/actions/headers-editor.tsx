'use client';

import { inputClass } from '@/components/blueprint-editor/styles';
import { newKey, type HeaderDraft } from './step-draft';

// A webhook's headers: name and value rows, each with a "secret" toggle. A secret is stored
// encrypted and never shown again: a saved one shows as "stored", and stays unless a new value is typed.
export function HeadersEditor({
  headers,
  onChange,
  label,
}: {
  headers: HeaderDraft[];
  onChange(next: HeaderDraft[]): void;
  label: string;
}) {
  const change = (key: string, patch: Partial<HeaderDraft>) => onChange(headers.map((h) => (h.key === key ? { ...h, ...patch } : h)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-medium text-slate-600">Headers</legend>
      {headers.map((h, i) => (
        <div key={h.key} className="flex flex-wrap items-center gap-2">
          <input
            aria-label={`${label} header ${i + 1} name`}
            value={h.name}
            onChange={(e) => change(h.key, { name: e.target.value })}
            placeholder="Header-Name"
            className={`${inputClass} w-44 font-mono`}
          />
          <input
            aria-label={`${label} header ${i + 1} value`}
            type={h.secret ? 'password' : 'text'}
            autoComplete="off"
            value={h.value}
            onChange={(e) => change(h.key, { value: e.target.value })}
            placeholder={h.secret && h.stored ? 'stored (type to replace)' : 'value or {{ template }}'}
            className={`${inputClass} min-w-40 flex-1 font-mono`}
          />
          <label className="flex items-center gap-1.5 text-xs text-slate-700">
            <input
              type="checkbox"
              checked={h.secret}
              onChange={(e) => change(h.key, { secret: e.target.checked, stored: false })}
              className="h-4 w-4 rounded border-slate-300 text-indigo-600"
            />
            Secret
          </label>
          <button
            type="button"
            onClick={() => onChange(headers.filter((x) => x.key !== h.key))}
            className="rounded px-1.5 py-1 text-red-600 hover:bg-red-50"
            aria-label={`Remove ${label} header ${i + 1}`}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...headers, { key: newKey('h'), name: '', value: '', secret: false, stored: false }])}
        className="rounded-md border border-dashed border-indigo-300 px-2.5 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50"
      >
        + Add header
      </button>
    </fieldset>
  );
}
