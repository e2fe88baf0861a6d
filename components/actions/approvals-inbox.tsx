'use client';

import Link from 'next/link';
import { entityHref } from '@/components/entity/entity-href';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { runHref } from './action-paths';
import { awaitsSomeoneElse, requesterName, runActionTitle, runEntity } from './action-view';
import { ApprovalForm } from './approval-form';
import { useWaitingRuns } from './use-action-data';

// Runs waiting for an approval, each with its inputs and the decision inline.
export function ApprovalsInbox({ team, canApprove, me }: { team: string; canApprove: boolean; me: string | null }) {
  const query = useWaitingRuns(team);
  if (query.isPending) return <TableSkeleton rows={3} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.runs.length === 0)
    return (
      <EmptyState icon="✅" title="Nothing waits for an approval">
        Runs of actions that need an approval show up here until someone decides.
      </EmptyState>
    );
  return (
    <ul className="space-y-3" aria-label="Runs waiting for an approval">
      {query.data.runs.map((run) => {
        const entity = runEntity(run);
        const action = runActionTitle(run);
        return (
          <li key={run.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="approval-item">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <Link href={runHref(team, run.id)} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                {action}
              </Link>
              {entity && (
                <span className="text-sm text-slate-600">
                  on{' '}
                  {entity.blueprint ? (
                    <Link
                      href={entityHref(team, entity.blueprint, entity.identifier)}
                      className="font-mono text-xs text-indigo-700 hover:underline"
                    >
                      {entity.title ?? entity.identifier}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs">{entity.identifier}</span>
                  )}
                </span>
              )}
              <span className="text-sm text-slate-500">
                asked by {requesterName(run.requested_by)} · {formatDateTime(run.created_at)}
              </span>
            </div>
            <pre tabIndex={0} aria-label="Inputs" className="mt-2 max-h-32 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-700">
              {JSON.stringify(run.inputs ?? {}, null, 2)}
            </pre>
            {canApprove && awaitsSomeoneElse(run, me) ? (
              <p className="mt-3 text-sm text-slate-600">You asked for this run: someone else approves or rejects it.</p>
            ) : (
              canApprove && (
                <div className="mt-3">
                  <ApprovalForm team={team} run={run.id} compact />
                </div>
              )
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The count in the navigation: how many runs wait (nothing when none, or when the caller cannot approve). */
export function ApprovalCount({ team }: { team: string }) {
  const query = useWaitingRuns(team);
  const n = query.data?.runs.length ?? 0;
  if (n === 0) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-100 px-1.5 text-xs font-medium tabular-nums text-amber-800" data-testid="approval-count">
      {n >= 100 ? '99+' : n}
      <span className="sr-only"> waiting</span>
    </span>
  );
}
