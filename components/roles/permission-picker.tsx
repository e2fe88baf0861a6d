'use client';

import { PERMISSIONS, type Permission } from '@/lib/authz/permissions';

const AREAS = [...new Set(Object.values(PERMISSIONS).map((p) => p.area))];

// Permission checkboxes grouped by area, each with a line on what it grants. Used by the role
// form and the API-key form; `allowed` disables what the current user may not hand out.
export function PermissionPicker({ value, onChange, allowed, idPrefix }: { value: Permission[]; onChange: (next: Permission[]) => void; allowed?: string[]; idPrefix: string }) {
  const toggle = (p: Permission, on: boolean) => onChange(on ? [...value, p] : value.filter((x) => x !== p));
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {AREAS.map((area) => (
        <fieldset key={area} className="rounded-lg border border-slate-200 p-3">
          <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{area}</legend>
          {(Object.entries(PERMISSIONS) as Array<[Permission, (typeof PERMISSIONS)[Permission]]>)
            .filter(([, p]) => p.area === area)
            .map(([name, p]) => {
              const disabled = allowed !== undefined && !allowed.includes(name);
              return (
                <label key={name} htmlFor={`${idPrefix}-${name}`} className={`flex items-start gap-2 py-1 text-sm ${disabled ? 'opacity-50' : ''}`}>
                  <input
                    id={`${idPrefix}-${name}`}
                    type="checkbox"
                    className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                    checked={value.includes(name)}
                    disabled={disabled}
                    onChange={(e) => toggle(name, e.target.checked)}
                  />
                  <span>
                    <span className="font-mono text-xs text-slate-800">{name}</span>
                    <span className="block text-xs text-slate-500">{p.grants}</span>
                  </span>
                </label>
              );
            })}
        </fieldset>
      ))}
    </div>
  );
}
