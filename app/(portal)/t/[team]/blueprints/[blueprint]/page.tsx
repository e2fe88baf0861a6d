import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { EntityTable, pickColumns } from '@/components/catalog/entity-table';
import { entityHref } from '@/components/entity/entity-href';
import { EditBlueprintLink } from '@/components/blueprint-editor/blueprint-links';
import { NewEntityLink } from '@/components/entity/new-entity-link';
import { EmptyState } from '@/components/ui/empty-state';
import { formatCount } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { listEntities } from '@/lib/entities/list-entities';
import { requireTeamPermission } from '@/lib/web/page-context';
import { loadBlueprints } from '../../load-team';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ team: string; blueprint: string }>; searchParams: Promise<{ cursor?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team, blueprint } = await params;
  const found = (await loadBlueprints(team)).find((b) => b.id === blueprint);
  return { title: found?.title ?? 'Not found' };
}

// A blueprint's entities, newest first, one keyset page at a time.
export default async function BlueprintEntitiesPage({ params, searchParams }: Props) {
  const [{ team: slug, blueprint: blueprintId }, { cursor }] = await Promise.all([params, searchParams]);
  const ctx = await requireTeamPermission(slug, 'entity:read');
  const { team } = ctx;
  const summary = (await loadBlueprints(slug)).find((b) => b.id === blueprintId);
  if (!summary) notFound();
  const db = getDb();
  const base = `/t/${team.slug}/blueprints/${blueprintId}`;
  const [blueprint, page] = await Promise.all([
    getBlueprint(db, ctx, blueprintId),
    listEntities(db, { teamId: team.id, blueprintId }, { limit: 50, cursor: cursor ?? null }).catch((error: unknown) => {
      // A cursor edited by hand is not worth an error page: start again from the first page.
      if (error instanceof AppError && error.code === 'bad_request') redirect(base);
      throw error;
    }),
  ]);
  const columns = pickColumns(blueprint.schema as Parameters<typeof pickColumns>[0]);
  return (
    <>
      <PageHeader
        title={summary.title}
        icon={summary.icon}
        description={`${summary.description ?? ''} ${formatCount(summary.entityCount)} entities.`.trim()}
        aside={
          <div className="flex gap-2">
            {ctx.permissions.has('blueprint:write') && <EditBlueprintLink team={team.slug} blueprint={blueprintId} />}
            {ctx.permissions.has('entity:write') && <NewEntityLink team={team.slug} blueprint={blueprintId} />}
          </div>
        }
      />
      {page.entities.length === 0 ? (
        <EmptyState icon={summary.icon ?? '📦'} title={cursor ? 'No more entities' : `No ${summary.title.toLowerCase()} entities yet`}>
          {cursor ? <Link href={base} className="text-indigo-600 hover:underline">Back to the first page</Link> : 'Entities are added through the API or an integration.'}
        </EmptyState>
      ) : (
        <EntityTable columns={columns} entities={page.entities} hrefFor={(identifier) => entityHref(team.slug, blueprintId, identifier)} />
      )}
      <nav className="mt-4 flex items-center justify-end gap-2 text-sm" aria-label="Pages">
        {cursor && <Link href={base} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">First page</Link>}
        {page.nextCursor && (
          <Link href={`${base}?cursor=${encodeURIComponent(page.nextCursor)}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50">
            Older →
          </Link>
        )}
      </nav>
    </>
  );
}
