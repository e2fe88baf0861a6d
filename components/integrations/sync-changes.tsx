import { formatCount } from '@/components/ui/format';
import type { ApplyResult } from '@/lib/ingest/mapped-entity';

// A sync's answer as people read it: the counts, the refused items with their reasons, and (for
// a dry run) each change with the fields an update changes, before and after.

const CHANGES_SHOWN = 200;
const shown = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

export function SyncChanges({ result, heading }: { result: ApplyResult; heading: string }) {
  const changes = result.changes ?? [];
  return (
    <div className="space-y-2" data-testid="sync-result">
      <h3 className="text-sm font-semibold text-slate-900">{heading}</h3>
      <p className="text-sm text-slate-700">
        {formatCount(result.created)} created · {formatCount(result.updated)} updated · {formatCount(result.unchanged)} unchanged ·{' '}
        {formatCount(result.deleted)} deleted · {formatCount(result.failed.length)} failed
      </p>
      {result.failed.length > 0 && (
        <ul className="space-y-1 text-xs text-red-700">
          {result.failed.slice(0, CHANGES_SHOWN).map((f, i) => (
            <li key={i}>
              Item {f.index + 1}
              {f.identifier ? ` (${f.identifier})` : ''}
              {f.path ? ` at ${f.path}` : ''}: {f.message}
            </li>
          ))}
        </ul>
      )}
      {changes.length > 0 && (
        // Focusable: a keyboard user scrolls a long list too (axe scrollable-region-focusable).
        <ul
          tabIndex={0}
          aria-label="Changes"
          className="max-h-80 space-y-1 overflow-auto rounded border border-slate-100 p-2 text-xs focus-visible:outline-2 focus-visible:outline-indigo-500"
        >
          {changes.slice(0, CHANGES_SHOWN).map((c, i) => (
            <li key={i}>
              <span
                className={
                  c.op === 'delete'
                    ? 'font-medium text-red-700'
                    : c.op === 'create'
                      ? 'font-medium text-emerald-700'
                      : 'font-medium text-amber-800'
                }
              >
                {c.op}
              </span>{' '}
              {c.blueprint} <span className="font-mono">{c.identifier}</span>
              {c.diff && (
                <ul className="ml-4 text-slate-600">
                  {Object.entries(c.diff).map(([field, d]) => (
                    <li key={field}>
                      <span className="font-mono">{field}</span>: {shown(d.from)} → {shown(d.to)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          {changes.length > CHANGES_SHOWN && <li className="text-slate-500">…and {formatCount(changes.length - CHANGES_SHOWN)} more</li>}
        </ul>
      )}
    </div>
  );
}
