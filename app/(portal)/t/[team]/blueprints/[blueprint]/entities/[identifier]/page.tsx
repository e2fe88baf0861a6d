import type { Metadata } from 'next';
import { EntityPageHeading } from '@/components/entity/entity-page-heading';
import { EntityMeta } from '@/components/entity/entity-meta';
import { EntityRelations } from '@/components/entity/entity-relations';
import { PropertyList } from '@/components/entity/property-view';
import { getDb } from '@/lib/db/prisma';
import { userNames } from '@/lib/entities/user-names';
import type { JsonSchema } from '@/lib/forms/schema-to-fields';
import { loadIncomingLinks } from '@/lib/relations/entity-links';
import { loadEntityPage, type EntityPageParams } from './load-entity';

export const dynamic = 'force-dynamic';

type Props = { params: EntityPageParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team, blueprint, identifier } = await params;
  const { entity } = await loadEntityPage(team, blueprint, identifier);
  return { title: entity.title ?? entity.identifier };
}

// One entity: every property rendered by its type in the blueprint schema, and who changed it when.
export default async function EntityPage({ params }: Props) {
  const { team: slug, blueprint: rawBlueprint, identifier: rawIdentifier } = await params;
  const { ctx, blueprint, entity, version } = await loadEntityPage(slug, rawBlueprint, rawIdentifier);
  const [names, incoming] = await Promise.all([
    userNames(getDb(), [entity.created_by, entity.updated_by]),
    loadIncomingLinks(getDb(), ctx.team.id, entity.id),
  ]);
  return (
    <>
      <EntityPageHeading ctx={ctx} blueprint={blueprint} entity={entity} version={version} current="overview" />
      <div className="grid gap-6 xl:grid-cols-[1fr_18rem]">
        <section aria-label="Properties" className="min-w-0 self-start rounded-xl border border-slate-200 bg-white px-5 py-2">
          <PropertyList schema={blueprint.schema as JsonSchema} value={entity.data} />
        </section>
        <div className="space-y-4">
          <EntityMeta meta={{ ...entity, version }} names={names} team={ctx.team.slug} />
          <EntityRelations team={ctx.team.slug} definitions={blueprint.relations} related={entity.related ?? {}} incoming={incoming} />
        </div>
      </div>
    </>
  );
}
