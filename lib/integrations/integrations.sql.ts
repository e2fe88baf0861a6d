import { rowDecoder } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// Raw SQL of the integrations. Values are parameters, always; every statement leads with team_id.

/**
 * Locks one integration until the transaction ends (unique key (team_id, identifier)): concurrent
 * writes and syncs of it queue, so the version checked is the version replaced, and two full syncs
 * never decide deletions from the same snapshot.
 */
export function lockIntegrationSql(teamId: string, identifier: string): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, version FROM integrations
    WHERE team_id = ${teamId}::uuid AND identifier = ${identifier} FOR UPDATE`;
}
export const lockedIntegrationRow = rowDecoder({ id: 'text', version: 'int' });

/** Deleting an integration: its entities stay, and forget it (idx_entities_integration). */
export function forgetIntegrationSql(teamId: string, integrationId: string): Prisma.Sql {
  return Prisma.sql`UPDATE entities SET integration_id = NULL
    WHERE team_id = ${teamId}::uuid AND integration_id = ${integrationId}::uuid`;
}
