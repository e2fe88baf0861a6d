import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BlueprintEditor } from '@/components/blueprint-editor/blueprint-editor';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/authz/team-context';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import { requireTeamPermission } from '@/lib/web/page-context';
import { loadBlueprints } from '../../../load-team';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit blueprint' };

export default async function EditBlueprintPage({ params }: { params: Promise<{ team: string; blueprint: string }> }) {
  const { team, blueprint: raw } = await params;
  const ctx = await requireTeamPermission(team, 'blueprint:write');
  const targets = (await loadBlueprints(team)).map(({ id, title, icon }) => ({ id, title, icon }));
  const blueprint = await getBlueprint(getDb(), ctx, blueprintParam(raw)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title={`Edit ${blueprint.title}`} icon={blueprint.icon} description={`Version ${blueprint.version} · ${blueprint.entity_count.toLocaleString('en-US')} entities`} />
      <BlueprintEditor
        team={ctx.team.slug}
        targets={targets}
        mode="edit"
        canDelete={can(ctx, 'blueprint:delete')}
        blueprint={{ id: blueprint.id, title: blueprint.title, description: blueprint.description, icon: blueprint.icon, schema: blueprint.schema as Record<string, unknown>, relations: blueprint.relations, version: blueprint.version }}
      />
    </>
  );
}
