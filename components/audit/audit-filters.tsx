'use client';

import { Button } from '@/components/ui/button';
import { AUDIT_ACTION_GROUPS, RESOURCE_TYPES } from './audit-actions';
import { rangeError, type AuditFilterValues } from './use-audit-filters';

const control =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500';
const label = 'mb-1 block text-sm font-medium text-slate-700';

// The audit log's filters: action, resource type, a since/until pair of days, and a reset.
export function AuditFilters({ value, onChange }: { value: AuditFilterValues; onChange: (next: AuditFilterValues) => void }) {
  const set = (key: keyof AuditFilterValues) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  const active = Object.values(value).some(Boolean);
  const badRange = rangeError(value);
  return (
    <form
      className="flex flex-wrap items-start gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      aria-label="Filter the audit log"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="w-60">
        <label htmlFor="audit-action" className={label}>
          Action
        </label>
        <select id="audit-action" className={control} value={value.action} onChange={set('action')}>
          <option value="">Any action</option>
          {AUDIT_ACTION_GROUPS.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="w-44">
        <label htmlFor="audit-resource" className={label}>
          Resource type
        </label>
        <select id="audit-resource" className={control} value={value.entity_type} onChange={set('entity_type')}>
          <option value="">Any resource</option>
          {RESOURCE_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="w-44">
        <label htmlFor="audit-since" className={label}>
          Since <span className="font-normal text-slate-500">(UTC)</span>
        </label>
        <input
          id="audit-since"
          type="date"
          className={control}
          value={value.since}
          max={value.until || undefined}
          onChange={set('since')}
        />
      </div>
      <div className="w-44">
        <label htmlFor="audit-until" className={label}>
          Until <span className="font-normal text-slate-500">(UTC)</span>
        </label>
        <input
          id="audit-until"
          type="date"
          className={control}
          value={value.until}
          min={value.since || undefined}
          onChange={set('until')}
          aria-invalid={badRange ? true : undefined}
          aria-describedby={badRange ? 'audit-until-error' : undefined}
        />
        {badRange && (
          <p id="audit-until-error" role="alert" className="mt-1 text-xs font-medium text-red-600">
            {badRange}
          </p>
        )}
      </div>
      {active && (
        <Button
          type="button"
          variant="ghost"
          className="mt-6"
          onClick={() => onChange({ action: '', entity_type: '', since: '', until: '' })}
        >
          Clear filters
        </Button>
      )}
    </form>
  );
}
