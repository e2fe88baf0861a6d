import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import { withTeamReadSlot } from '@/lib/db/limit-team-reads';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { getEntityOrThrow } from '@/lib/entities/get-entity';
import { loadBlueprintOrThrow } from '@/lib/entities/load-blueprint';
import { AppError } from '@/lib/errors';
import { EDGE_CAP, entityGraphSql, graphRow, type GraphDirection } from './entity-graph.sql';

// GET .../entities/{identifier}/graph: the entities N hops around one entity and the links among
// them, for the dependency graph. Bounded three ways: max_hops (1..5), limit (nodes, 1..1000,
// nearest first) and EDGE_CAP links; `truncated` says when a bound cut something off.

export const GRAPH_LIMITS = { maxHops: 5, defaultHops: 2, maxLimit: 1000, defaultLimit: 200 } as const;

export type GraphParams = { direction: GraphDirection; maxHops: number; limit: number };
export type EntityGraph = {
  nodes: Array<{ id: string; blueprint: string; identifier: string; title: string | null; depth: number }>;
  /** `relation`: the relation's id; `title`: its title, for people. */
  edges: Array<{ source: string; target: string; relation: string; title: string | null }>;
  truncated: boolean;
};

function intParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new AppError('bad_request', `${name} must be an integer from 1 to ${max}, got "${raw.slice(0, 20)}"`);
  return value;
}

export function parseGraphParams(url: URL): GraphParams {
  const direction = url.searchParams.get('direction') ?? 'both';
  if (direction !== 'upstream' && direction !== 'downstream' && direction !== 'both') {
    throw new AppError('bad_request', `direction must be "upstream", "downstream" or "both", got "${direction.slice(0, 20)}"`);
  }
  return {
    direction,
    maxHops: intParam(url, 'max_hops', GRAPH_LIMITS.defaultHops, GRAPH_LIMITS.maxHops),
    limit: intParam(url, 'limit', GRAPH_LIMITS.defaultLimit, GRAPH_LIMITS.maxLimit),
  };
}

/** The graph, within the team's share of concurrent expensive reads (lib/db/limit-team-reads.ts). */
export async function getEntityGraph(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  params: GraphParams,
): Promise<EntityGraph> {
  requirePermission(ctx, 'entity:read');
  return withTeamReadSlot(db, ctx, () => walkEntityGraph(db, ctx, blueprintId, identifier, params));
}

async function walkEntityGraph(
  db: Db,
  ctx: TeamContext,
  blueprintId: string,
  identifier: string,
  params: GraphParams,
): Promise<EntityGraph> {
  await loadBlueprintOrThrow(db, ctx, blueprintId);
  const root = await getEntityOrThrow(db, ctx, blueprintId, identifier);
  const [row] = await runSql(db, entityGraphSql(ctx.team.id, root.id, params.direction, params.maxHops, params.limit), graphRow);
  const edges = row.edges.slice(0, EDGE_CAP);
  return { nodes: row.nodes, edges, truncated: row.reached > params.limit || row.edges.length > EDGE_CAP };
}
