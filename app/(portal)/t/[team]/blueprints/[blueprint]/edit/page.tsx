import type { Metadata } from 'next';
import { BlueprintEditor } from '@/components/blueprint-editor/blueprint-editor';
import { PageHeader } from '@/components/ui/page-header';
import { mayCall } from '@/lib/authz/may-call';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { orRefusalPage, requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../../../load-team';
import { blueprintTitle } from '../../../load-team';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ team: string; blueprint: string }> }): Promise<Metadata> {
  const { team, blueprint } = await params;
  const title = await blueprintTitle(team, blueprint);
  return { title: `Edit ${title}` };
}

export default async function EditBlueprintPage({ params }: { params: Promise<{ team: string; blueprint: string }> }) {
  const { team, blueprint: raw } = await params;
  const ctx = await requireEntryPointPage(team, 'updateBlueprint'); // the editor saves through it
  const targets = (await unlessRefused(loadBlueprints(team), [])).map(({ id, title, icon }) => ({ id, title, icon }));
  // Editing shows the schema: getBlueprint decides (blueprint:read), as for the API's GET.
  const blueprint = await orRefusalPage(getBlueprint(getDb(), ctx, blueprintParam(raw)));
  return (
    <>
      <PageHeader
        title={`Edit ${blueprint.title}`}
        icon={blueprint.icon}
        description={`Version ${blueprint.version} · ${blueprint.entity_count.toLocaleString('en-US')} entities`}
      />
      <BlueprintEditor
        team={ctx.team.slug}
        targets={targets}
        mode="edit"
        canDelete={mayCall(ctx, 'deleteBlueprint')}
        blueprint={{
          id: blueprint.id,
          title: blueprint.title,
          description: blueprint.description,
          icon: blueprint.icon,
          schema: blueprint.schema as Record<string, unknown>,
          relations: blueprint.relations,
          version: blueprint.version,
        }}
      />
    </>
  );
}
