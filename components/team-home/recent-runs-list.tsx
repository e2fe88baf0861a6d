import Link from 'next/link';
import { runHref } from '@/components/actions/action-paths';
import { RunStatusBadge } from '@/components/actions/run-status-badge';
import { entityHref } from '@/components/entity/entity-href';
import { formatDateTime } from '@/components/ui/format';
import type { RunView } from '@/lib/runs/run-view';

// The team's last runs: status, action (a link to the run), entity (a link to it), when.

export function RecentRunsList({ team, runs }: { team: string; runs: RunView[] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="recent-runs">
      {runs.map((run) => (
        <li key={run.id} className="flex items-center gap-3 py-2 text-sm">
          <RunStatusBadge status={run.status} />
          <Link href={runHref(team, run.id)} className="min-w-0 truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
            {run.action_title}
          </Link>
          {run.entity && (
            <Link href={entityHref(team, run.blueprint, run.entity)} className="truncate font-mono text-xs text-slate-600 hover:underline">
              {run.entity}
            </Link>
          )}
          <span className="ml-auto shrink-0 whitespace-nowrap text-xs text-slate-600">{formatDateTime(run.created_at)}</span>
        </li>
      ))}
    </ul>
  );
}
