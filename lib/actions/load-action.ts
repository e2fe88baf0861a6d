import { randomBytes } from 'node:crypto';
import type { TeamContext } from '@/lib/authz/team-context';
import { openSecret, sealSecret } from '@/lib/crypto/secret-box';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { lockActionSql, lockedActionRow } from './actions.sql';
import type { ActionRow } from './action-view';

// One action looked up through the team of the URL (another team's action is a 404 like a
// missing one), and its signing secret. Internal to the action services after their permission
// check, and to the runner (lib/runs), which reads the stored row with its sealed values.

export const actionNotFound = (identifier: string) => new AppError('not_found', `action "${identifier}" not found`);

export async function findActionOrThrow(db: Db | Prisma.TransactionClient, ctx: TeamContext, identifier: string): Promise<ActionRow> {
  const row = await db.action.findUnique({ where: { teamId_identifier: { teamId: ctx.team.id, identifier } } });
  if (!row) throw actionNotFound(identifier);
  return row;
}

/** The action locked until the transaction ends, its version checked against `ifMatch` (409 stale_version). */
export async function lockActionOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  identifier: string,
  ifMatch?: number[],
): Promise<ActionRow> {
  const [locked] = await runSql(tx, lockActionSql(ctx.team.id, identifier), lockedActionRow);
  if (!locked) throw actionNotFound(identifier);
  if (ifMatch && !ifMatch.includes(locked.version)) {
    throw new AppError(
      'conflict',
      `action "${identifier}" has changed (it is at version ${locked.version}): reload it and apply your change again`,
      {
        reason: 'stale_version',
        version: locked.version,
      },
    );
  }
  return findActionOrThrow(tx, ctx, identifier);
}

/**
 * The stored row of the team's action (steps with sealed header values, the sealed signing
 * secret), for the runner: it snapshots the definition into the run and opens the secrets when it
 * sends. 404 when the team has no such action. No permission check: the caller (asking a run) made it.
 */
export async function loadActionForRun(tx: Db | Prisma.TransactionClient, teamId: string, identifier: string): Promise<ActionRow> {
  const row = await tx.action.findUnique({ where: { teamId_identifier: { teamId, identifier } } });
  if (!row) throw actionNotFound(identifier);
  return row;
}

export const signingSecretContext = (actionId: string) => `action:${actionId}:signing-secret`;

/** A new signing secret: 32 random bytes as hex, prefixed so it is recognisable in a leak scan. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

export function sealSigningSecret(actionId: string, secret: string): string {
  return sealSecret(secret, signingSecretContext(actionId));
}

/** The action's signing secret in clear, to sign a webhook request (lib/net/sign-webhook.ts). */
export function openSigningSecret(action: Pick<ActionRow, 'id' | 'identifier' | 'signingSecret'>): string {
  if (!action.signingSecret) throw new AppError('internal', `action "${action.identifier}" has no signing secret`);
  return openSecret(action.signingSecret, signingSecretContext(action.id));
}
