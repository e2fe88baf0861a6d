'use client';

import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { PULL_LIMITS } from '@/lib/integrations/integration-limits';
import { headerPath, newHeaderRow, type HeaderRow, type PullDraft } from './pull-draft';

// The http-pull settings in the editor: what to fetch, how often, delta or full, and the request
// headers. A stored header's value is never shown (the API does not return it): its row says so,
// an empty value keeps it, a typed one replaces it. Errors sit under the field they are about.

const input =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500';

export function PullSettingsFields({
  pull,
  errors,
  onChange,
}: {
  pull: PullDraft;
  errors: Map<string, string>;
  onChange(next: PullDraft): void;
}) {
  const edit = (patch: Partial<PullDraft>) => onChange({ ...pull, ...patch });
  const setRow = (key: string, patch: Partial<HeaderRow>) =>
    edit({ headers: pull.headers.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  const { minIntervalMinutes: min, maxIntervalMinutes: max } = PULL_LIMITS;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div className="md:col-span-2">
        <Field
          label="URL to fetch"
          name="pull-url"
          type="url"
          value={pull.url}
          placeholder="https://raw.githubusercontent.com/acme/catalog/main/catalog-info.yaml"
          error={errors.get('/settings/url')}
          hint="JSON, NDJSON, YAML or CSV, up to 1 MiB and 1,000 items. Private and loopback addresses are refused unless the operator allows them."
          onChange={(e) => edit({ url: e.target.value })}
        />
      </div>
      <Field
        label="Every (minutes)"
        name="pull-interval"
        inputMode="numeric"
        value={pull.intervalMinutes}
        error={errors.get('/settings/interval_minutes')}
        hint={`From ${min} to ${max} (a week).`}
        onChange={(e) => edit({ intervalMinutes: e.target.value })}
      />
      <div className="space-y-1">
        <label htmlFor="pull-mode" className="block text-sm font-medium text-slate-700">
          Mode
        </label>
        <select
          id="pull-mode"
          value={pull.mode}
          onChange={(e) => edit({ mode: e.target.value as PullDraft['mode'] })}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        >
          <option value="delta">Delta: create and update what came</option>
          <option value="full">Full: also delete what this integration wrote and did not come</option>
        </select>
      </div>
      <fieldset className="space-y-2 md:col-span-2">
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-600">Request headers</legend>
        <p className="text-xs text-slate-500">Values are stored encrypted and never shown again; leave a stored one empty to keep it.</p>
        {pull.headers.map((row, i) => {
          const error = errors.get(headerPath(row.name.trim() || row.key));
          const errorId = `pull-header-${row.key}-error`;
          return (
            <div key={row.key} className="space-y-1">
              <div className="grid grid-cols-[12rem_minmax(0,1fr)_auto] items-center gap-2">
                <input
                  aria-label={`Header ${i + 1}: name`}
                  value={row.name}
                  readOnly={row.stored}
                  placeholder="Authorization"
                  onChange={(e) => setRow(row.key, { name: e.target.value })}
                  className={`${input} font-mono`}
                  aria-invalid={error ? true : undefined}
                />
                <input
                  aria-label={`Header ${i + 1}: value`}
                  type="password"
                  autoComplete="off"
                  value={row.value}
                  placeholder={row.stored ? 'stored: leave empty to keep' : 'Bearer ...'}
                  onChange={(e) => setRow(row.key, { value: e.target.value })}
                  className={`${input} font-mono`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                />
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove header ${row.name || i + 1}`}
                  onClick={() => edit({ headers: pull.headers.filter((r) => r.key !== row.key) })}
                >
                  ✕
                </Button>
              </div>
              {error && (
                <p id={errorId} role="alert" className="text-xs font-medium text-red-600">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        {errors.get('/settings/headers') && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {errors.get('/settings/headers')}
          </p>
        )}
        {pull.headers.length < PULL_LIMITS.maxHeaders && (
          <Button type="button" variant="secondary" size="sm" onClick={() => edit({ headers: [...pull.headers, newHeaderRow()] })}>
            + Add a header
          </Button>
        )}
      </fieldset>
    </div>
  );
}
