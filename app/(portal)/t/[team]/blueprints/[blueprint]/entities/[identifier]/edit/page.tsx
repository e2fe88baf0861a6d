import type { Metadata } from 'next';
import Link from 'next/link';
import { entityHref } from '@/components/entity/entity-href';
import { EntityEditor } from '@/components/entity/entity-editor';
import { PageHeader } from '@/components/ui/page-header';
import { linkTitles, relationFieldsOf } from '@/lib/forms/relation-fields';
import { loadBlueprints } from '../../../../../load-team';
import { loadEntityPage, type EntityPageParams } from '../load-entity';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: EntityPageParams }): Promise<Metadata> {
  const { team, blueprint, identifier } = await params;
  const { entity } = await loadEntityPage(team, blueprint, identifier);
  const title = entity.title ?? entity.identifier;
  return { title: `Edit ${title}` };
}

// The generated form over the stored entity; saving sends the version read here as If-Match.
export default async function EditEntityPage({ params }: { params: EntityPageParams }) {
  const { team: slug, blueprint: rawBlueprint, identifier: rawIdentifier } = await params;
  const { ctx, blueprint, entity, version } = await loadEntityPage(slug, rawBlueprint, rawIdentifier, 'replaceEntity');
  const back = entityHref(ctx.team.slug, blueprint.id, entity.identifier);
  return (
    <>
      <PageHeader
        title={`Edit ${entity.title ?? entity.identifier}`}
        icon={blueprint.icon}
        description={
          <>
            <Link href={back} className="font-mono text-indigo-600 hover:underline">
              {entity.identifier}
            </Link>{' '}
            · {blueprint.title} · version {version}
          </>
        }
      />
      <EntityEditor
        team={ctx.team.slug}
        blueprint={blueprint.id}
        kind={blueprint.title}
        schema={blueprint.schema as object}
        relationFields={relationFieldsOf(blueprint.relations, await loadBlueprints(slug))}
        titles={linkTitles(entity.related)}
        mode="edit"
        entity={{ identifier: entity.identifier, title: entity.title, data: entity.data, relations: entity.relations, version }}
      />
    </>
  );
}
