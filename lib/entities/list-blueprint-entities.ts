import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import type { PageParams } from '@/lib/http/pagination';
import { toEntityView } from './entity-view';
import { listEntities } from './list-entities';
import { loadBlueprintOrThrow } from './load-blueprint';

/** GET .../entities: one page of the blueprint's entities as API views, newest first. */
export async function listBlueprintEntities(db: Db, ctx: TeamContext, blueprintId: string, page: PageParams) {
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const { entities, nextCursor } = await listEntities(db, { teamId: ctx.team.id, blueprintId }, page);
  return { entities: entities.map((e) => toEntityView({ ...e, blueprintId })), next_cursor: nextCursor };
}
