import type { AuditLogView } from '@/lib/audit/list-audit-logs';
import { diffAuditData, summarizeDiff, type DiffLine } from './audit-diff';

const json = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

function Line({ line }: { line: DiffLine }) {
  const key = <span className="font-medium text-slate-700">{line.key}:</span>;
  if (line.kind === 'set')
    return (
      <li>
        {key} <ins className="text-emerald-700 no-underline">{line.value}</ins>
      </li>
    );
  if (line.kind === 'unset')
    return (
      <li>
        {key} <del className="text-red-700 decoration-red-300">{line.value}</del>
      </li>
    );
  if (line.kind === 'changed') {
    return (
      <li>
        {key} <del className="text-red-700 decoration-red-300">{line.before}</del>{' '}
        <span className="text-slate-500" aria-label="changed to">
          →
        </span>{' '}
        <ins className="text-emerald-700 no-underline">{line.after}</ins>
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-1">
      {key}
      {line.added.map((x) => (
        <ins key={x} className="rounded bg-emerald-50 px-1 font-mono text-emerald-700 no-underline">
          + {x}
        </ins>
      ))}
      {line.removed.map((x) => (
        <del key={x} className="rounded bg-red-50 px-1 font-mono text-red-700 no-underline">
          − {x}
        </del>
      ))}
    </li>
  );
}

// The "Changes" disclosure of one audit entry: a one-line summary; opened, old -> new per field
// (or both sides as JSON for nested data) and where the request came from.
export function AuditChanges({ entry }: { entry: AuditLogView }) {
  const diff = diffAuditData(entry.old_data, entry.new_data);
  return (
    <details className="group text-xs">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="text-slate-500 transition-transform group-open:rotate-90">
          ▶
        </span>
        <span className="font-medium">Changes</span>
        <span className="min-w-0 truncate text-slate-500">{summarizeDiff(diff)}</span>
      </summary>
      <div className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-2.5">
        {diff.kind === 'lines' && diff.lines.length > 0 && (
          <ul className="space-y-1 break-words">
            {diff.lines.map((l) => (
              <Line key={l.key} line={l} />
            ))}
          </ul>
        )}
        {diff.kind === 'json' && (
          <div className="grid grid-cols-2 gap-2">
            {(['Before', 'After'] as const).map((side) => (
              <div key={side} className="min-w-0">
                <p className="mb-1 font-medium text-slate-500">{side}</p>
                <pre className="overflow-x-auto rounded bg-white p-2 font-mono text-[11px] text-slate-700">
                  {json(side === 'Before' ? diff.before : diff.after)}
                </pre>
              </div>
            ))}
          </div>
        )}
        <p className="text-slate-500" title={entry.user_agent ?? undefined}>
          From {entry.ip_address ?? 'an unknown address'}
          {entry.request_id && (
            <>
              {' '}
              · request <span className="font-mono">{entry.request_id.slice(0, 8)}</span>
            </>
          )}
        </p>
      </div>
    </details>
  );
}
