import { createHash } from 'node:crypto';
import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { bySource, loadRelationDefs } from '@/lib/relations/relation-definitions.sql';
import { VERSION } from '@/lib/version';
import { buildTeamOpenApiDocument } from './build-team-openapi';

// The team's OpenAPI document and its ETag. The blueprints come in ONE query (never one per
// blueprint), bounded; the ETag is derived from what the document is made of (this app's version,
// the team, the server URL and each blueprint's id and version), so a client revalidates with
// If-None-Match and gets a 304 without the document being built at all.

/** Typed paths per blueprint make a document grow fast; past this many the generic paths serve the rest. */
export const MAX_TYPED_BLUEPRINTS = 500;

export type TeamOpenApi = { etag: string; build: () => object };

export async function getTeamOpenApi(db: Db, ctx: TeamContext, serverUrl: string): Promise<TeamOpenApi> {
  requirePermission(ctx, 'blueprint:read');
  // The primary key (team_id, id) serves both the filter and the order.
  const rows = await db.blueprint.findMany({
    where: { teamId: ctx.team.id },
    orderBy: { id: 'asc' },
    take: MAX_TYPED_BLUEPRINTS + 1,
    select: { id: true, title: true, description: true, schema: true, version: true, createdAt: true },
  });
  const blueprints = rows.slice(0, MAX_TYPED_BLUEPRINTS);
  // createdAt too: a blueprint deleted and made again under the same id starts over at version 1.
  const fingerprint = JSON.stringify([
    VERSION,
    ctx.team.slug,
    ctx.team.name,
    serverUrl,
    rows.length,
    blueprints.map((b) => [b.id, b.version, b.createdAt.getTime()]),
  ]);
  const etag = `"${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 27)}"`;
  // The relation definitions of all of them in ONE more query (they type each blueprint's
  // `relations`). They change only with their source blueprint's version, or with their target's
  // deletion, which changes the blueprint list: the fingerprint covers them.
  const relationsOf = bySource(
    await loadRelationDefs(
      db,
      ctx.team.id,
      blueprints.map((b) => b.id),
    ),
  );
  const typed = blueprints.map((b) => ({ ...b, relations: relationsOf.get(b.id) ?? [] }));
  return {
    etag,
    build: () => buildTeamOpenApiDocument({ team: ctx.team, serverUrl, blueprints: typed, truncated: rows.length > MAX_TYPED_BLUEPRINTS }),
  };
}

/** Whether an If-None-Match header names `etag` (weak or strong, in a list, or `*`). */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
