import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { AppError } from '@/lib/errors';
import type { TypedNode } from '@/lib/search/search-types';
import { matchConditionsSql, matchedRow } from './actions.sql';
import { toActionView, triggerConfigOf, type ActionView } from './action-view';
import { typeCondition } from './type-condition';

// The actions offered on an entity (its page's "Run action" menu) or, with no entity, on the
// blueprint's catalog ("create" actions): the blueprint's enabled actions whose trigger fits and,
// on an entity, whose condition matches it, checked in SQL by the search compiler in one statement
// (actions.sql.ts). Reading it takes action:read (running one takes action:execute: the run checks
// again); naming an entity also takes entity:read, since a match tells something of its data.
// A condition the blueprint's schema no longer types (a property since removed) offers nothing.

export async function listActionsOffered(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  entityIdentifier: string | null,
): Promise<{ actions: ActionView[] }> {
  requirePermission(ctx, 'action:read');
  if (entityIdentifier !== null) requirePermission(ctx, 'entity:read');
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  // Bounded by ACTION_LIMITS.maxPerBlueprint; idx_actions_blueprint (team_id, blueprint_id).
  const rows = await db.action.findMany({
    where: {
      teamId: ctx.team.id,
      blueprintId,
      enabled: true,
      triggerType: entityIdentifier === null ? 'create' : { in: ['day-2', 'delete'] },
    },
    orderBy: [{ title: 'asc' }, { identifier: 'asc' }],
  });
  if (entityIdentifier === null) return { actions: rows.map(toActionView) };
  const conditions: Array<TypedNode | null | undefined> = [];
  for (const row of rows) {
    const { condition } = triggerConfigOf(row);
    conditions.push(condition ? await typeCondition(db, ctx.team.id, blueprint, condition, 'condition').catch(() => undefined) : null);
  }
  const typed = conditions.map((c) => c ?? null);
  const [match] = await runSql(db, matchConditionsSql(ctx.team.id, blueprintId, entityIdentifier, typed), matchedRow(typed.length));
  if (!match) throw new AppError('not_found', `entity "${entityIdentifier}" of blueprint "${blueprintId}" not found`);
  const offered = rows.filter((_row, i) => conditions[i] !== undefined && (match as Record<string, boolean>)[`m${i}`]);
  return { actions: offered.map(toActionView) };
}
