import type { Metadata } from 'next';
import { EntityEditor } from '@/components/entity/entity-editor';
import { PageHeader } from '@/components/ui/page-header';
import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getBlueprint } from '@/lib/blueprints/blueprint-service';
import { getDb } from '@/lib/db/prisma';
import { relationFieldsOf } from '@/lib/forms/relation-fields';
import { orRefusalPage, requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../../../load-team';
import { blueprintTitle } from '../../../load-team';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ team: string; blueprint: string }> }): Promise<Metadata> {
  const { team, blueprint } = await params;
  const title = await blueprintTitle(team, blueprint);
  return { title: `New ${title.toLowerCase()}` };
}

// Not under entities/new: an entity may well be called "new", and its page must stay reachable.
export default async function NewEntityPage({ params }: { params: Promise<{ team: string; blueprint: string }> }) {
  const { team: slug, blueprint: raw } = await params;
  const ctx = await requireEntryPointPage(slug, 'createEntity'); // the form saves through it
  // The form is built from the schema: getBlueprint decides whether the caller may see it.
  const blueprint = await orRefusalPage(getBlueprint(getDb(), ctx, blueprintParam(raw)));
  return (
    <>
      <PageHeader
        title={`New ${blueprint.title.toLowerCase()}`}
        icon={blueprint.icon}
        description="Fields marked * are required. Values are checked as you type, by the same rules the server applies."
      />
      <EntityEditor
        team={ctx.team.slug}
        blueprint={blueprint.id}
        kind={blueprint.title}
        schema={blueprint.schema as object}
        relationFields={relationFieldsOf(blueprint.relations, await unlessRefused(loadBlueprints(slug), []))}
        mode="create"
      />
    </>
  );
}
