import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { withTeamReadSlot } from '@/lib/db/limit-team-reads';
import type { Db } from '@/lib/db/prisma';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { arrayFacets, scalarFacets, type FacetValue } from './facets.sql';
import { parseGroup, parseQ } from './parse-search-body';
import { resolveProperty } from './resolve-property';
import { checkText, searchError } from './search-limits';
import { compileFilter, loadSearchUserGroups } from './search-entities';
import { loadSearchScorecards, scorecardsNamed } from './search-scorecards';
import { loadSearchRelations } from './search-relations';
import type { RawGroup } from './search-types';

// GET/POST .../facets: the values of one property with their counts, under the same query (and
// q) as a search. Facets are for properties with few distinct values: enums, booleans, strings,
// numbers, versions and dates, and arrays of strings or numbers (counted per element). Objects
// and date-times (nearly every value distinct) are refused.

export const FACET_LIMITS = { defaultLimit: 20, maxLimit: 100 } as const;

export type FacetRequest = { property: string; query: RawGroup | null; q: string | null; limit: number };

/** The facet request from its parts (query string or JSON body), each checked. */
export function parseFacetRequest(input: { property: unknown; query: unknown; q: unknown; limit: unknown }): FacetRequest {
  if (typeof input.property !== 'string' || input.property === '')
    throw searchError('property', 'is required (the property to count values of)');
  const property = checkText(input.property, 'property', 200);
  const query = input.query === undefined || input.query === null ? null : parseGroup(input.query, 'query');
  let limit: number = FACET_LIMITS.defaultLimit;
  if (input.limit !== undefined && input.limit !== null) {
    limit = typeof input.limit === 'string' && /^\d+$/.test(input.limit) ? Number(input.limit) : (input.limit as number);
    if (!Number.isInteger(limit) || limit < 1 || limit > FACET_LIMITS.maxLimit)
      throw searchError('limit', `must be an integer from 1 to ${FACET_LIMITS.maxLimit}`);
  }
  return { property, query, q: parseQ(input.q), limit };
}

/** The counts, within the team's share of concurrent expensive reads (limit-team-reads.ts). */
export async function facetEntities(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  request: FacetRequest,
  now?: Date,
): Promise<{ values: FacetValue[] }> {
  requirePermission(ctx, 'entity:read');
  return withTeamReadSlot(db, ctx, () => countFacets(db, ctx, blueprintId, request, now));
}

async function countFacets(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  request: FacetRequest,
  now?: Date,
): Promise<{ values: FacetValue[] }> {
  const blueprint = await loadBlueprintOrThrow(db, ctx, blueprintId);
  const prop = resolveProperty(blueprint.schema, request.property, 'property');
  const type = prop.type;
  const countable =
    prop.target.source === 'data' &&
    ((type.kind === 'scalar' && type.scalar !== 'datetime') || (type.kind === 'array' && type.items !== 'other'));
  if (!countable || prop.target.source !== 'data') {
    throw searchError(
      'property',
      `facets count enum, boolean, string, number, version and date properties and arrays of strings or numbers; ${request.property.slice(0, 80)} is not one`,
    );
  }
  const relations = await loadSearchRelations(db, ctx.team.id, blueprintId, request.query);
  const scorecards = await loadSearchScorecards(db, ctx.team.id, blueprintId, scorecardsNamed(request.query, []), ctx);
  const userGroups = await loadSearchUserGroups(db, ctx, request.query);
  const where = compileFilter(request, blueprint.schema, now, relations, scorecards, userGroups);
  const scope = { teamId: ctx.team.id, blueprintId };
  const values =
    type.kind === 'array'
      ? await arrayFacets(db, scope, where, prop.target.path, request.limit)
      : await scalarFacets(db, scope, where, prop.target.path, request.limit);
  return { values };
}
