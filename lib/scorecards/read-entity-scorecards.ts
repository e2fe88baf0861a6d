import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { recordOf } from '@/lib/domain/own-keys';
import { selectEntityResults } from './read-entity-scorecards.sql';

// `?include=scorecards` of the entity reads (API.md "Scorecards"): each entity's live result in
// every scorecard that applies to it, {"<sc>": {"level": "Silver", "rules": {"<rule>": true}}},
// for a whole page in one query (never one per entity). A scorecard never computed, or whose
// filter leaves the entity out, is absent. Scorecard and rule identifiers are users' names:
// collected in Maps, made plain objects only at the edge (recordOf, lib/domain/own-keys.ts).

export type EntityScorecard = { level: string; rules: Record<string, boolean> };
export type EntityScorecards = Record<string, EntityScorecard>;

/** The page's results by entity id; entities without any live result are absent. */
export async function readEntityScorecards(db: Db, ctx: TeamContext, entityIds: string[]): Promise<Map<string, EntityScorecards>> {
  requirePermission(ctx, 'scorecard:read');
  const byEntity = new Map<string, Map<string, EntityScorecard>>();
  if (entityIds.length === 0) return new Map();
  for (const row of await selectEntityResults(db, ctx.team.id, entityIds)) {
    const passed = BigInt(row.passed);
    const rules = new Map(row.rules.map((rule, bit) => [rule, ((passed >> BigInt(bit)) & 1n) === 1n]));
    let scorecards = byEntity.get(row.entity_id);
    if (!scorecards) byEntity.set(row.entity_id, (scorecards = new Map()));
    scorecards.set(row.scorecard, { level: row.level, rules: recordOf(rules) });
  }
  return new Map([...byEntity].map(([id, scorecards]) => [id, recordOf(scorecards)]));
}
