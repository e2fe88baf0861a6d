import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { entityCounts } from './blueprint-view';

// The portal's blueprint list (side nav, catalog home): every blueprint of the team by title, with
// the same grouped entity count as the API's list (blueprint-service.ts).

export type BlueprintSummary = {
  id: string;
  title: string;
  icon: string | null;
  description: string | null;
  propertyCount: number;
  entityCount: number;
  updatedAt: Date;
};

const MAX_BLUEPRINTS = 500; // a team has tens; the bound keeps the page finite whatever happens

/** A team's blueprints with their entity counts, in two queries (no N+1). */
export async function listBlueprintSummaries(db: Db, ctx: TeamContext): Promise<BlueprintSummary[]> {
  requirePermission(ctx, 'blueprint:read');
  const teamId = ctx.team.id;
  const blueprints = await db.blueprint.findMany({
    where: { teamId },
    orderBy: { title: 'asc' },
    take: MAX_BLUEPRINTS,
    select: { id: true, title: true, icon: true, description: true, schema: true, updatedAt: true },
  });
  const countOf = await entityCounts(
    db,
    teamId,
    blueprints.map((b) => b.id),
  );
  return blueprints.map((b) => ({
    id: b.id,
    title: b.title,
    icon: b.icon,
    description: b.description,
    propertyCount: Object.keys((b.schema as { properties?: object }).properties ?? {}).length,
    entityCount: countOf.get(b.id) ?? 0,
    updatedAt: b.updatedAt,
  }));
}
