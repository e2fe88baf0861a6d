import type { Db } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseGroup } from '@/lib/search/parse-search-body';
import { loadSearchRelations } from '@/lib/search/search-relations';
import type { TypedNode } from '@/lib/search/search-types';
import { typeQuery } from '@/lib/search/type-query';

// A condition of an action or automation: a query tree of the search body, parsed and typed by the
// search's own parser and typer against the blueprint (relations and relatedTo included), as a
// scorecard's rules are (lib/scorecards/check-scorecard-definition.ts): it means what the same
// query means in the catalog. Faults are the search's 400s, their path under `at` (`condition.rules[0].operator`).
// Scorecard rules are refused (no scorecards context is given to the typer).

export async function typeCondition(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  blueprint: { id: string; schema: unknown },
  condition: unknown,
  at: string,
): Promise<TypedNode | null> {
  const group = parseGroup(condition, at);
  const relations = await loadSearchRelations(db, teamId, blueprint.id, group);
  return typeQuery(group, blueprint.schema, new Date(), relations);
}
