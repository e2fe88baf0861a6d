import type { Prisma } from '@/lib/generated/prisma/client';
import { versionEtag } from '@/lib/http/etag';
import type { LinksView, RelatedView } from '@/lib/relations/entity-links';
import type { EntityScorecards } from '@/lib/scorecards/read-entity-scorecards';

// The API's view of an entity (snake_case, RFC 3339) and its ETag, derived from entities.version
// which every write bumps.

export type EntityView = {
  id: string;
  identifier: string;
  blueprint: string;
  title: string | null;
  /** Always an object (a CHECK on the column). */
  data: Record<string, unknown>;
  /** Identifiers of the team's groups that own it (lib/groups), in the order they were given. */
  owners: string[];
  /** Outgoing links: {"<relation id>": "<identifier>"} for *-to-one relations, else an array. */
  relations: LinksView;
  /** With ?include=related only: each relation's targets with title and blueprint. */
  related?: RelatedView;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  /** With ?include=scorecards only: the entity's live level and rule results per scorecard. */
  scorecards?: EntityScorecards;
};

export type EntityRecord = {
  id: string;
  identifier: string;
  blueprintId: string;
  title: string | null;
  data: Prisma.JsonValue;
  owners: string[];
  version: number;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** An entity as a write or a read returns it: the view and the ETag of the version it shows. */
export type VersionedEntity = { entity: EntityView; etag: string };

export function toEntityView(
  e: Omit<EntityRecord, 'version' | 'data'> & { data: unknown },
  relations: LinksView = {},
  related?: RelatedView,
): EntityView {
  return {
    id: e.id,
    identifier: e.identifier,
    blueprint: e.blueprintId,
    title: e.title,
    data: e.data as Record<string, unknown>,
    owners: e.owners,
    relations,
    ...(related && { related }),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
    created_by: e.createdBy,
    updated_by: e.updatedBy,
  };
}

export function toVersioned(e: EntityRecord, relations: LinksView = {}, related?: RelatedView): VersionedEntity {
  return { entity: toEntityView(e, relations, related), etag: versionEtag(e.version) };
}

/** What an entity's audit rows record of it (old and new), and what its history shows. */
export function auditSnapshot(
  e: { identifier: string; title: string | null; data: unknown; owners: string[]; version: number },
  relations?: LinksView,
) {
  return { identifier: e.identifier, title: e.title, data: e.data, owners: e.owners, version: e.version, ...(relations && { relations }) };
}
