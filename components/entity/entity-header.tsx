import Link from 'next/link';
import type { ReactNode } from 'react';
import { DeleteEntityButton } from './delete-entity-button';
import { blueprintHref, entityHref } from './entity-href';

export type EntityHeaderProps = {
  team: string;
  blueprint: { id: string; title: string; icon: string | null };
  entity: { id: string; identifier: string; title: string | null; version: number };
  canWrite: boolean;
  canDelete: boolean;
  /** Under the identifier: the entity's scorecard levels. */
  badges?: ReactNode;
  /** Before Edit: the actions the caller may run on the entity. */
  run?: ReactNode;
};

// The top of an entity's pages: a way back to its blueprint, icon + title, identifier, and the
// Edit and Delete actions the caller's permissions allow.
export function EntityHeader({ team, blueprint, entity, canWrite, canDelete, badges, run }: EntityHeaderProps) {
  return (
    <div className="mb-4">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href={blueprintHref(team, blueprint.id)} className="hover:text-slate-800 hover:underline">
          {blueprint.icon && (
            <span aria-hidden className="mr-1">
              {blueprint.icon}
            </span>
          )}
          {blueprint.title}
        </Link>
        <span aria-hidden className="mx-1.5 text-slate-300">
          /
        </span>
        <span className="font-mono text-xs">{entity.identifier}</span>
      </nav>
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
            {blueprint.icon && <span aria-hidden>{blueprint.icon}</span>}
            <span className="truncate">{entity.title ?? entity.identifier}</span>
          </h1>
          <p className="mt-1 font-mono text-sm text-slate-500" data-testid="entity-identifier">
            {entity.identifier}
          </p>
          {badges}
        </div>
        <div className="flex shrink-0 items-start gap-2">
          {run}
          {canWrite && (
            <Link
              href={entityHref(team, blueprint.id, entity.identifier, 'edit')}
              className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
            >
              Edit
            </Link>
          )}
          {canDelete && (
            <DeleteEntityButton
              team={team}
              blueprint={blueprint.id}
              kind={blueprint.title}
              entityId={entity.id}
              identifier={entity.identifier}
              version={entity.version}
            />
          )}
        </div>
      </div>
    </div>
  );
}
