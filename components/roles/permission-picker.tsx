'use client';

import { PERMISSIONS, type Permission } from '@/lib/authz/permissions';
import { AREAS, PERMISSIONS_BY_AREA } from './permission-areas';

// Permission checkboxes grouped by area, each with a line on what it grants. Used by the role
// form and the API-key form; `allowed` disables what the current user may not hand out.
export function PermissionPicker({
  value,
  onChange,
  allowed,
  idPrefix,
  error,
}: {
  value: Permission[];
  onChange: (next: Permission[]) => void;
  allowed?: readonly string[];
  idPrefix: string;
  error?: string;
}) {
  const toggle = (p: Permission, on: boolean) => onChange(on ? [...value, p] : value.filter((x) => x !== p));
  return (
    <div
      role="group"
      aria-labelledby={`${idPrefix}-permissions-label`}
      aria-describedby={error ? `${idPrefix}-permissions-error` : undefined}
    >
      <div className="mb-2 flex items-baseline justify-between">
        <p id={`${idPrefix}-permissions-label`} className="text-sm font-medium text-slate-700">
          Permissions
        </p>
        <p className="text-xs text-slate-500">
          {value.length} of {Object.keys(PERMISSIONS).length} selected
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {AREAS.map((area) => (
          <fieldset key={area} className="rounded-lg border border-slate-200 bg-white px-3 pb-2 pt-1">
            <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{area}</legend>
            {PERMISSIONS_BY_AREA[area].map((name) => {
              const disabled = allowed !== undefined && !allowed.includes(name);
              const id = `${idPrefix}-${name}`;
              return (
                <label
                  key={name}
                  htmlFor={id}
                  className={`flex items-start gap-2 rounded-md px-1 py-1.5 text-sm ${disabled ? 'cursor-not-allowed' : 'cursor-pointer hover:bg-slate-50'}`}
                >
                  <input
                    id={id}
                    type="checkbox"
                    className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
                    checked={value.includes(name)}
                    disabled={disabled}
                    onChange={(e) => toggle(name, e.target.checked)}
                  />
                  <span className={disabled ? 'opacity-50' : ''}>
                    <span className="font-mono text-xs font-medium text-slate-800">{name}</span>
                    <span className="block text-xs text-slate-500">{PERMISSIONS[name].grants}</span>
                    {disabled && <span className="block text-xs italic text-slate-500">Not in your role</span>}
                  </span>
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
      {error && (
        <p id={`${idPrefix}-permissions-error`} role="alert" className="mt-2 text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
