import type { Db } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { toRelationsView, type RelationDef, type RelationsView } from '@/lib/relations/relation-types';

// The API's view of a blueprint (snake_case, RFC 3339) and the entity counts that go with it.

export type BlueprintView = {
  id: string;
  title: string;
  description: string | null;
  icon: string | null;
  schema: Prisma.JsonValue;
  /** {"<id>": {title, target, type, required}}: links its entities may hold. */
  relations: RelationsView;
  entity_count: number;
  version: number;
  created_at: string;
  updated_at: string;
};

export type BlueprintRow = {
  id: string;
  title: string;
  description: string | null;
  icon: string | null;
  schema: Prisma.JsonValue;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export function toBlueprintView(b: BlueprintRow, entityCount: number, relations: RelationDef[] = []): BlueprintView {
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    icon: b.icon,
    schema: b.schema,
    relations: toRelationsView(relations),
    entity_count: entityCount,
    version: b.version,
    created_at: b.createdAt.toISOString(),
    updated_at: b.updatedAt.toISOString(),
  };
}

/**
 * Entity counts of some of a team's blueprints in ONE grouped query (never one per blueprint):
 * an index-only scan of idx_entities_list (team_id, blueprint_id, ...) for those blueprints.
 */
export async function entityCounts(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  blueprintIds: string[],
): Promise<Map<string, number>> {
  if (blueprintIds.length === 0) return new Map();
  const groups = await db.entity.groupBy({
    by: ['blueprintId'],
    where: { teamId, blueprintId: { in: blueprintIds } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.blueprintId, g._count._all]));
}
