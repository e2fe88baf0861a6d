import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { selectEntityResults } from './read-entity-scorecards.sql';

// `?include=scorecards` of the entity reads (API.md "Scorecards"): each entity's live result in
// every scorecard that applies to it, {"<sc>": {"level": "Silver", "rules": {"<rule>": true}}},
// for a whole page in one query (never one per entity). A scorecard never computed, or whose
// filter leaves the entity out, is absent. Scorecard and rule identifiers are users' names: the
// objects have no prototype (never a key like "__proto__" read as anything but data).

export type EntityScorecard = { level: string; rules: Record<string, boolean> };
export type EntityScorecards = Record<string, EntityScorecard>;

/** The page's results by entity id; entities without any live result are absent. */
export async function readEntityScorecards(db: Db, ctx: TeamContext, entityIds: string[]): Promise<Map<string, EntityScorecards>> {
  requirePermission(ctx, 'scorecard:read');
  const byEntity = new Map<string, EntityScorecards>();
  if (entityIds.length === 0) return byEntity;
  for (const row of await selectEntityResults(db, ctx.team.id, entityIds)) {
    const passed = BigInt(row.passed);
    const rules: Record<string, boolean> = Object.create(null);
    row.rules.forEach((rule, bit) => {
      rules[rule] = ((passed >> BigInt(bit)) & 1n) === 1n;
    });
    let scorecards = byEntity.get(row.entity_id);
    if (!scorecards) byEntity.set(row.entity_id, (scorecards = Object.create(null) as EntityScorecards));
    scorecards[row.scorecard] = { level: row.level, rules };
  }
  return byEntity;
}
