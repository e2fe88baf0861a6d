import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import type { Db } from '@/lib/db/prisma';
import type { Prisma } from '@/lib/generated/prisma/client';
import { loadRelationDefs } from '@/lib/relations/relation-definitions.sql';
import { resolveProperty } from './resolve-property';
import { searchError } from './search-limits';
import type { RawGroup, RawNode, ResolvedProperty } from './search-types';

// What a search needs to know about relations: the searched blueprint's relation definitions
// (for rules on a related entity's property, "runs_on.region", typed by the target blueprint's
// schema) and which blueprints a relatedTo rule may name. Loaded once per search, in two small
// queries, only when the query uses them.

export type SearchRelations = {
  teamId: string;
  /** The searched blueprint's relations by id, each with its target blueprint's schema. */
  hops: Map<string, { uuid: string; target: string; targetSchema: unknown }>;
  /** The team's blueprints that relatedTo rules of this query name and that exist. */
  blueprints: Set<string>;
};

function walk(node: RawNode, visit: (rule: Extract<RawNode, { operator: string }>) => void): void {
  if ('rules' in node) node.rules.forEach((r) => walk(r, visit));
  else visit(node);
}

export async function loadSearchRelations(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  blueprintId: string,
  query: RawGroup | null,
): Promise<SearchRelations> {
  const none: SearchRelations = { teamId, hops: new Map(), blueprints: new Set() };
  if (!query) return none;
  const named = new Set<string>();
  let hops = false;
  walk(query, (rule) => {
    if (rule.related) named.add(rule.related.blueprint);
    else if (!rule.property.startsWith('$') && rule.property.includes('.')) hops = true;
  });
  if (!hops && named.size === 0) return none;
  const defs = hops ? await loadRelationDefs(db, teamId, [blueprintId]) : [];
  const ids = [...new Set([...named, ...defs.map((d) => d.target)])];
  const schemaOf = await loadBlueprintSchemas(db, teamId, ids);
  return {
    teamId,
    hops: new Map(defs.map((d) => [d.id, { uuid: d.uuid, target: d.target, targetSchema: schemaOf.get(d.target) }])),
    blueprints: new Set([...named].filter((id) => schemaOf.has(id))),
  };
}

/**
 * A rule's property: the blueprint's own (resolve-property.ts), or, when its first part is one of
 * the blueprint's relations, the related entity's property after it ("runs_on.$identifier",
 * "runs_on.region"). A relation id never equals a top-level property name (the blueprint service
 * refuses that), so the two readings cannot collide.
 */
export function resolveRuleProperty(schema: unknown, name: string, at: string, relations: SearchRelations | undefined): ResolvedProperty {
  const dot = name.indexOf('.');
  const hop = dot > 0 && !name.startsWith('$') ? relations?.hops.get(name.slice(0, dot)) : undefined;
  if (!hop || !relations) return resolveProperty(schema, name, at);
  const rest = name.slice(dot + 1);
  if (rest.includes('.') && rest.startsWith('$')) throw searchError(at, 'a meta-property of a related entity has no parts');
  const prop = resolveProperty(hop.targetSchema, rest, at);
  return { ...prop, name, via: { relation: name.slice(0, dot), relationUuid: hop.uuid, teamId: relations.teamId, target: hop.target } };
}
