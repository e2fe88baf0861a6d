'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { entityHref } from '@/components/entity/entity-href';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formatDateTime, sentence } from '@/components/ui/format';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { api } from '@/lib/web/api-client';
import { actionKeys, editActionHref, runsApi } from './action-paths';
import { awaitsSomeoneElse, requesterName, runActionId, runActionTitle, runEntity, type RunView } from './action-view';
import { ApprovalForm } from './approval-form';
import { RunLog } from './run-log';
import { isCancellable, isFinal } from './run-status';
import { RunStatusBadge } from './run-status-badge';
import { RunSteps } from './run-steps';
import { useRun } from './use-action-data';

// One run: status, who asked, the entity, the inputs, each step, the external system's link and
// summary, the live log; approve or reject it while it waits (action:approve), cancel it while it
// has not started (action:execute). The server decides each of them; the buttons follow the caller's role.

type Caller = { canApprove: boolean; canExecute: boolean; me: string | null };

export function RunDetails({ team, run, ...caller }: { team: string; run: string } & Caller) {
  const query = useRun(team, run);
  if (query.isPending) return <TableSkeleton rows={5} />;
  if (query.isError) return <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />;
  return <RunBody team={team} run={query.data} {...caller} />;
}

function RunBody({ team, run, canApprove, canExecute, me }: { team: string; run: RunView } & Caller) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const entity = runEntity(run);
  const final = isFinal(run.status);
  const cancel = async () => {
    setError(null);
    try {
      await api(runsApi(team, run.id, 'cancel'), { method: 'POST' });
      await queryClient.invalidateQueries({ queryKey: actionKeys.runs(team) });
    } catch (e) {
      setError(e instanceof Error ? sentence(e.message) : 'Could not cancel the run.');
    }
  };
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-6">
        {run.status === 'waiting_approval' && (
          <section aria-labelledby="approval-heading" className="rounded-xl border border-amber-300 bg-amber-50 p-4">
            <h2 id="approval-heading" className="text-sm font-semibold text-amber-900">
              This run waits for an approval
            </h2>
            {canApprove && awaitsSomeoneElse(run, me) ? (
              <p className="mt-1 text-sm text-amber-900">
                You asked for this run: someone else with the action:approve permission approves or rejects it.
              </p>
            ) : canApprove ? (
              <div className="mt-3">
                <ApprovalForm team={team} run={run.id} />
              </div>
            ) : (
              <p className="mt-1 text-sm text-amber-900">Someone with the action:approve permission must approve it.</p>
            )}
          </section>
        )}
        {run.status === 'failed' && run.error && (
          <p role="alert" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-700" data-testid="run-error">
            {run.error}
          </p>
        )}
        {(run.link || run.summary) && (
          <section aria-label="From the external system" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            {run.summary && <p className="text-sm text-slate-800">{run.summary}</p>}
            {run.link && (
              <a
                href={run.link}
                target="_blank"
                rel="noreferrer noopener"
                className="mt-1 inline-block text-sm text-indigo-700 hover:underline"
              >
                Open in the external system ↗
              </a>
            )}
          </section>
        )}
        <RunSteps steps={run.steps ?? []} />
        <RunLog
          team={team}
          run={run.id}
          final={final}
          onStatus={() => void queryClient.invalidateQueries({ queryKey: actionKeys.run(team, run.id) })}
        />
      </div>
      <aside className="space-y-4">
        <dl className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Status</dt>
            <dd className="mt-1">
              <RunStatusBadge status={run.status} />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Action</dt>
            <dd className="mt-1">
              <Link href={editActionHref(team, runActionId(run))} className="text-indigo-700 hover:underline">
                {runActionTitle(run)}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Entity</dt>
            <dd className="mt-1 font-mono text-xs">
              {entity?.blueprint ? (
                <Link href={entityHref(team, entity.blueprint, entity.identifier)} className="text-indigo-700 hover:underline">
                  {entity.title ?? entity.identifier}
                </Link>
              ) : (
                (entity?.identifier ?? '—')
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Requested by</dt>
            <dd className="mt-1 text-slate-800" data-testid="run-requested-by">
              {requesterName(run.requested_by)}
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Asked</dt>
            <dd className="mt-1 text-slate-800">{formatDateTime(run.created_at)}</dd>
          </div>
          {run.finished_at && (
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Finished</dt>
              <dd className="mt-1 text-slate-800">{formatDateTime(run.finished_at)}</dd>
            </div>
          )}
          {run.approval && (
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Approval</dt>
              <dd className="mt-1 text-slate-800">
                {run.approval.decision === 'approve' ? 'Approved' : 'Rejected'} by {requesterName(run.approval.by)}
                {run.approval.comment && <q className="mt-1 block text-slate-600">{run.approval.comment}</q>}
              </dd>
            </div>
          )}
        </dl>
        <section aria-labelledby="run-inputs-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="run-inputs-heading" className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">
            Inputs
          </h2>
          <pre
            tabIndex={0}
            aria-labelledby="run-inputs-heading"
            className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs text-slate-800"
            data-testid="run-inputs"
          >
            {JSON.stringify(run.inputs ?? {}, null, 2)}
          </pre>
        </section>
        {canExecute && isCancellable(run.status) && <ConfirmButton label="Cancel run" confirmLabel="Cancel this run" onConfirm={cancel} />}
        {error && (
          <p role="alert" className="text-sm text-red-600">
            {error}
          </p>
        )}
      </aside>
    </div>
  );
}
