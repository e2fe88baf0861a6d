'use client';

import Link from 'next/link';
import { blueprintHref } from '@/components/entity/entity-href';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner, TableSkeleton } from '@/components/ui/settings-page';
import { editActionHref, newActionHref } from './action-paths';
import { TRIGGER_LABELS } from './action-view';
import { useActions } from './use-action-data';

export type BlueprintOption = { id: string; title: string; icon: string | null };

// The team's actions (or one blueprint's): title and icon, blueprint, trigger, enabled; a filter
// by blueprint when `onBlueprint` is given. Titles open the editor (read-only without action:write).

export function ActionTable({
  team,
  blueprints,
  blueprint,
  onBlueprint,
  canWrite,
}: {
  team: string;
  blueprints: BlueprintOption[];
  blueprint: string | null;
  onBlueprint?: (blueprint: string | null) => void;
  canWrite: boolean;
}) {
  const list = useActions(team, blueprint);
  const byId = new Map(blueprints.map((b) => [b.id, b]));
  return (
    <div className="space-y-3">
      {onBlueprint && (
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Blueprint
          <select
            value={blueprint ?? ''}
            onChange={(e) => onBlueprint(e.target.value || null)}
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
          >
            <option value="">All blueprints</option>
            {blueprints.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {list.isPending ? (
        <TableSkeleton rows={3} />
      ) : list.isError ? (
        <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.actions.length === 0 ? (
        <EmptyState icon="⚡" title="No actions yet">
          <p>An action is a form people fill in to get something done: create a service, deploy it, grant access.</p>
          {canWrite && (
            <Link href={newActionHref(team, blueprint ?? undefined)} className={`${buttonClass('primary')} mt-4`}>
              <span aria-hidden>+</span> New action
            </Link>
          )}
        </EmptyState>
      ) : (
        <DataTable columns={['Action', 'Blueprint', 'Trigger', 'Steps', 'Enabled']}>
          {list.data.actions.map((a) => {
            const bp = byId.get(a.blueprint);
            return (
              <tr key={a.identifier} data-testid="action-row">
                <td className="px-4 py-3">
                  <Link
                    href={editActionHref(team, a.identifier)}
                    className="font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                  >
                    <span aria-hidden className="mr-1.5">
                      {a.icon ?? '⚡'}
                    </span>
                    {a.title}
                  </Link>
                  <p className="font-mono text-xs text-slate-500">{a.identifier}</p>
                </td>
                <td className="px-4 py-3">
                  <Link href={blueprintHref(team, a.blueprint)} className="text-slate-700 hover:underline">
                    {bp?.icon && <span aria-hidden>{bp.icon} </span>}
                    {bp?.title ?? a.blueprint}
                  </Link>
                </td>
                <td className="px-4 py-3 text-slate-600">{TRIGGER_LABELS[a.trigger] ?? a.trigger}</td>
                <td className="px-4 py-3 text-slate-600">{a.steps.map((s) => s.type).join(' → ')}</td>
                <td className="px-4 py-3">{a.enabled === false ? <Badge>Disabled</Badge> : <Badge tone="emerald">Enabled</Badge>}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </div>
  );
}
