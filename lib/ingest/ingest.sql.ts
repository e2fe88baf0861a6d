import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the sync engine. Values are parameters, always; every statement leads with team_id.

export type EntityKey = { blueprint: string; identifier: string };

const keyArrays = (keys: EntityKey[]) => ({
  blueprints: keys.map((k) => k.blueprint),
  identifiers: keys.map((k) => k.identifier),
});

/**
 * The current rows of a batch's entities, in ONE statement: the (blueprint, identifier) pairs
 * arrive as two array parameters, and each is one probe of the unique key (team_id, blueprint_id,
 * identifier) (entities_team_id_blueprint_id_identifier_key).
 */
export function existingEntitiesSql(teamId: string, keys: EntityKey[]): Prisma.Sql {
  const { blueprints, identifiers } = keyArrays(keys);
  return Prisma.sql`
    SELECT e.id::text AS id, e.blueprint_id, e.identifier, e.title, e.data, e.owners, e.version, e.integration_id::text AS integration_id
      FROM unnest(${blueprints}::text[], ${identifiers}::text[]) AS k(blueprint_id, identifier)
      JOIN entities e ON e.team_id = ${teamId}::uuid AND e.blueprint_id = k.blueprint_id AND e.identifier = k.identifier`;
}
export const existingEntityRow = rowDecoder({
  id: 'text',
  blueprint_id: 'text',
  identifier: 'text',
  title: 'text?',
  data: 'json',
  owners: 'text[]',
  version: 'int',
  integration_id: 'text?',
});

/** A full sync's base: how many entities the integration wrote (idx_entities_integration, partial). */
export function ownedCountSql(teamId: string, integrationId: string): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS owned FROM entities WHERE team_id = ${teamId}::uuid AND integration_id = ${integrationId}::uuid`;
}
export const ownedCountRow = rowDecoder({ owned: 'int' });

/**
 * A full sync: the entities the integration wrote that it did not send now (the candidates for
 * deletion). idx_entities_integration (partial: only rows an integration wrote) gives the
 * integration's rows; the sent keys are an anti-join against the two array parameters.
 */
export function staleEntitiesSql(teamId: string, integrationId: string, sent: EntityKey[]): Prisma.Sql {
  const { blueprints, identifiers } = keyArrays(sent);
  return Prisma.sql`
    SELECT e.id::text AS id, e.blueprint_id, e.identifier FROM entities e
     WHERE e.team_id = ${teamId}::uuid AND e.integration_id = ${integrationId}::uuid
       AND NOT EXISTS (SELECT 1 FROM unnest(${blueprints}::text[], ${identifiers}::text[]) AS k(blueprint_id, identifier)
                        WHERE k.blueprint_id = e.blueprint_id AND k.identifier = e.identifier)
     ORDER BY e.blueprint_id, e.identifier`;
}
export const staleEntityRow = rowDecoder({ id: 'text', blueprint_id: 'text', identifier: 'text' });
