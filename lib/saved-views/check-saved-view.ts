import type { TeamContext } from '@/lib/authz/team-context';
import { fieldsOf } from '@/lib/catalog-view/fields';
import { columnable } from '@/lib/catalog-view/view-state';
import type { Db } from '@/lib/db/prisma';
import { can } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import { parseGroup, parseSort } from '@/lib/search/parse-search-body';
import { loadSearchRelations } from '@/lib/search/search-relations';
import { loadSearchScorecards, scorecardsNamed } from '@/lib/search/search-scorecards';
import { typeQuery } from '@/lib/search/type-query';
import { typeSort } from '@/lib/search/type-sort';
import type { SavedViewInput } from '@/lib/domain/saved-views';

// What a saved view holds, checked against its blueprint as the catalog would use it: `query` by
// the search's parser and typer (relations and scorecard rules included), `sort` as the search
// body's sort, so a view that saves is a view that searches (faults: search's 400 naming the path,
// `query.rules[0].operator`, `sort[0].property`). `columns` must be what the table can show
// (lib/catalog-view/fields.ts, the same list the column picker offers): an unknown one is a 422
// naming it. Scorecard columns count only for a caller who may read scorecards.

export type CheckedView = {
  query: Record<string, unknown> | null;
  sort: Array<{ property: string; order: 'asc' | 'desc' }>;
  columns: string[] | null;
};

async function columnKeys(db: Db, ctx: TeamContext, blueprint: { id: string; schema: unknown }): Promise<Set<string>> {
  const teamId = ctx.team.id;
  // A handful of rows each: blueprint_relations' and scorecards' (team_id, blueprint_id, ...) keys.
  const relations = await db.blueprintRelation.findMany({
    where: { teamId, sourceBlueprintId: blueprint.id },
    select: { identifier: true, title: true },
  });
  const scorecards = can(ctx, 'scorecard:read')
    ? await db.scorecard.findMany({ where: { teamId, blueprintId: blueprint.id }, select: { identifier: true, title: true } })
    : [];
  const fields = fieldsOf(
    blueprint.schema,
    relations.map((r) => ({ id: r.identifier, title: r.title, targetSchema: null })),
    scorecards.map((s) => ({ identifier: s.identifier, title: s.title, levels: [], rules: [] })),
  );
  return new Set(fields.filter(columnable).map((f) => f.key));
}

export async function checkSavedView(
  db: Db,
  ctx: TeamContext,
  blueprint: { id: string; schema: unknown },
  input: Pick<SavedViewInput, 'query' | 'sort' | 'columns'>,
): Promise<CheckedView> {
  const teamId = ctx.team.id;
  const query = input.query ? parseGroup(input.query, 'query') : null;
  const sort = parseSort(input.sort ?? [], 'sort');
  const relations = await loadSearchRelations(db, teamId, blueprint.id, query);
  const scorecards = await loadSearchScorecards(db, teamId, blueprint.id, scorecardsNamed(query, sort), ctx);
  // A `{"context": "userGroups"}` value is stored as it is and resolved for each viewer's search.
  typeQuery(query, blueprint.schema, new Date(), relations, scorecards, []);
  if (sort.length) typeSort(sort, blueprint.schema, scorecards);
  let columns: string[] | null = null;
  if (input.columns && input.columns.length) {
    const known = await columnKeys(db, ctx, blueprint);
    const faults = input.columns.flatMap((key, i) =>
      known.has(key) ? [] : [{ path: `/columns/${i}`, message: `"${key.slice(0, 100)}" is no column of the blueprint's table` }],
    );
    if (faults.length) throw new AppError('validation_failed', 'the columns are not valid', faults);
    columns = input.columns;
  }
  return {
    query: input.query ?? null,
    sort: sort.map((k) => ({ property: k.property, order: k.order })),
    columns,
  };
}
