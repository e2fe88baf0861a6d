import type { RequestedBy } from '@/lib/actions/action-types';
import type { Db } from '@/lib/db/prisma';
import { toEntityView, type EntityView } from '@/lib/entities/entity-view';
import { runSql } from '@/lib/db/run-sql';
import { runTokenOf } from './run-token';
import { scopeEntityRow, scopeEntitySql } from './runs.sql';
import { snapshotOf, type RunRecord } from './run-view';

// What a step's templates are evaluated over (API.md): {inputs, entity, run, actor}. `entity` is
// the entity as it is now (null for a create action, or when it is gone); `run` carries the token,
// so a webhook body (and only it) can hand it to the external system.

export type RunScope = {
  inputs: Record<string, unknown>;
  entity: EntityView | null;
  run: { id: string; token: string; action: string; blueprint: string; entity: string | null; status: string; step: number };
  actor: RequestedBy;
};

export async function loadRunScope(db: Db, run: RunRecord, step: number): Promise<RunScope> {
  const snapshot = snapshotOf(run);
  const [record] = run.entityId ? await runSql(db, scopeEntitySql(run.teamId, run.entityId), scopeEntityRow) : [];
  return {
    inputs: run.inputs as Record<string, unknown>,
    entity: record ? toEntityView(record) : null,
    run: {
      id: run.id,
      token: runTokenOf(run.id),
      action: snapshot.identifier,
      blueprint: snapshot.blueprint,
      entity: run.entityIdentifier,
      status: run.status,
      step,
    },
    actor: run.requestedBy as unknown as RequestedBy,
  };
}
