'use client';

import Link from 'next/link';
import { entityHref } from '@/components/entity/entity-href';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime } from '@/components/ui/format';
import { runHref } from './action-paths';
import { requesterName, runActionId, runActionTitle, runEntity, type RunView } from './action-view';
import { RunStatusBadge } from './run-status-badge';
import { duration } from './run-status';

// Runs as a table: status, action, entity, who asked, when, how long; each row opens its run.
export function RunTable({ team, runs, actionTitles }: { team: string; runs: RunView[]; actionTitles?: Map<string, string> }) {
  return (
    <DataTable columns={['Status', 'Action', 'Entity', 'Requested by', 'Started', 'Took']}>
      {runs.map((run) => {
        const entity = runEntity(run);
        const action = runActionId(run);
        const title = run.action_title ?? actionTitles?.get(action) ?? runActionTitle(run);
        return (
          <tr key={run.id} data-testid="run-row">
            <td className="px-4 py-3">
              <RunStatusBadge status={run.status} />
            </td>
            <td className="px-4 py-3">
              <Link href={runHref(team, run.id)} className="font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                {title}
              </Link>
            </td>
            <td className="px-4 py-3 font-mono text-xs">
              {entity ? (
                entity.blueprint ? (
                  <Link href={entityHref(team, entity.blueprint, entity.identifier)} className="text-indigo-700 hover:underline">
                    {entity.title ?? entity.identifier}
                  </Link>
                ) : (
                  entity.identifier
                )
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </td>
            <td className="px-4 py-3 text-slate-600">{requesterName(run.requested_by)}</td>
            <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDateTime(run.created_at)}</td>
            <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-600">
              {duration(run.started_at ?? run.created_at, run.finished_at) ?? '—'}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
