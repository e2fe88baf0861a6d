import { randomBytes } from 'node:crypto';
import type { TeamContext } from '@/lib/authz/team-context';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import type { Db } from '@/lib/db/prisma';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { runSql } from '@/lib/db/run-sql';
import { lockIntegrationSql, lockedIntegrationRow } from './integrations.sql';
import type { IntegrationRow, MappingRow } from './integration-view';

// One integration looked up through the team of the URL (another team's integration is a 404
// like a missing one), and its secret. Internal to lib/integrations after a permission check, and
// to the webhook route, which authenticates with the secret itself.

type Client = Db | Prisma.TransactionClient;

export const integrationNotFound = (identifier: string) => new AppError('not_found', `integration "${identifier}" not found`);

export type IntegrationWithMappings = { row: IntegrationRow; mappings: MappingRow[] };

const mappingSelect = { blueprintId: true, mapping: true, position: true } as const;

export async function findIntegrationOrThrow(db: Client, teamId: string, identifier: string): Promise<IntegrationWithMappings> {
  const row = await db.integration.findUnique({ where: { teamId_identifier: { teamId, identifier } } });
  if (!row) throw integrationNotFound(identifier);
  const mappings = await db.integrationMapping.findMany({
    where: { teamId, integrationId: row.id },
    select: mappingSelect,
    orderBy: { position: 'asc' },
  });
  return { row, mappings };
}

/** The integration locked until the transaction ends, its version checked against `ifMatch` (409 stale_version). */
export async function lockIntegrationOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  identifier: string,
  ifMatch?: number[],
): Promise<IntegrationWithMappings> {
  const locked = await runSql(tx, lockIntegrationSql(ctx.team.id, identifier), lockedIntegrationRow);
  if (!locked.length) throw integrationNotFound(identifier);
  const version = locked[0].version;
  if (ifMatch && !ifMatch.includes(version)) {
    throw new AppError(
      'conflict',
      `integration "${identifier}" has changed (it is at version ${version}): reload it and apply your change again`,
      {
        reason: 'stale_version',
        version,
      },
    );
  }
  return findIntegrationOrThrow(tx, ctx.team.id, identifier);
}

const secretContext = (integrationId: string) => `integration:${integrationId}:secret`;

/** A new ingestion secret: 32 random bytes as hex, prefixed so it is recognisable in a leak scan. */
export function newIntegrationSecret(): string {
  return `bpis_${randomBytes(32).toString('hex')}`;
}

export function sealIntegrationSecret(integrationId: string, secret: string): string {
  return sealSecret(secret, secretContext(integrationId));
}

/** The integration's secret in clear, to verify a webhook call's signature or bearer secret. */
export function openIntegrationSecret(row: Pick<IntegrationRow, 'id' | 'secret'>): string {
  return openSecret(row.secret, secretContext(row.id));
}
