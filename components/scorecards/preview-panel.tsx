'use client';

import { sentence } from '@/components/ui/format';
import { ApiError } from '@/lib/web/api-client';
import { LevelBar } from './level-bar';
import type { ScorecardPreview } from './scorecard-types';

// The editor's live preview: how the draft would spread the blueprint's entities over its levels,
// before anything is saved (each rule's own count is shown under the rule).

type Props = { data: ScorecardPreview | undefined; error: Error | null; pending: boolean; stale: boolean; blocked: boolean };

export function PreviewPanel({ data, error, pending, stale, blocked }: Props) {
  return (
    <section aria-label="Preview" aria-busy={pending || stale} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">Preview</h2>
      <p className="mt-0.5 text-xs text-slate-500">What this draft would score now. Nothing is saved until you save.</p>
      <div className={`mt-3 transition-opacity ${stale ? 'opacity-60' : ''}`}>
        {blocked ? (
          <p className="text-sm text-slate-500">Give every level a distinct name and every rule a level to see a preview.</p>
        ) : error ? (
          <p role="alert" className="text-sm text-red-600">
            {error instanceof ApiError && error.code === 'bad_request'
              ? 'A condition is not valid yet: see the rule marked in red.'
              : sentence(error.message)}
          </p>
        ) : !data ? (
          <div className="h-16 animate-pulse rounded bg-slate-100" aria-label="Loading preview" />
        ) : data.total === 0 ? (
          <p className="text-sm text-slate-500">No entities yet: the scorecard applies to none.</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700" data-testid="preview-total">
              <strong className="tabular-nums">{data.total.toLocaleString('en-US')}</strong> entities scored
            </p>
            <LevelBar levels={data.levels} label="Preview level distribution" />
          </>
        )}
      </div>
    </section>
  );
}
