import type { TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ValidatedBlueprint } from '@/lib/validation/blueprint-validator';
import { blueprintSchemaRow, blueprintSchemaSql } from './load-blueprint.sql';

const notFound = (id: string) => new AppError('not_found', `blueprint "${id}" not found`);

/**
 * The blueprint of the URL, looked up with the caller's team (a blueprint of another team is a
 * 404): what the entity services need to validate against it.
 */
export async function loadBlueprintOrThrow(
  db: Db | Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
): Promise<ValidatedBlueprint> {
  // On every entity request: plain SQL over the pool (primary key lookup), not Prisma's client.
  const [row] = await runSql(db, blueprintSchemaSql(ctx.team.id, blueprintId), blueprintSchemaRow);
  if (!row) throw notFound(blueprintId);
  return { teamId: ctx.team.id, id: blueprintId, uid: row.uid, version: row.version, schema: row.schema };
}

/**
 * The same, read with FOR SHARE inside the transaction that writes entities: a schema change
 * (which holds the row FOR UPDATE while it checks the existing entities) either finishes first,
 * and then this reads the new schema and version, or waits until these entities are committed
 * and checks them too. Without it an entity validated against the old schema could slip in
 * beside a schema change. Entity writers do not block one another (shared locks).
 */
export async function lockBlueprintOrThrow(
  tx: Prisma.TransactionClient,
  ctx: TeamContext,
  blueprintId: string,
): Promise<ValidatedBlueprint> {
  const [row] = await runSql(tx, blueprintSchemaSql(ctx.team.id, blueprintId, { forShare: true }), blueprintSchemaRow);
  if (!row) throw notFound(blueprintId);
  return { teamId: ctx.team.id, id: blueprintId, uid: row.uid, version: row.version, schema: row.schema };
}
