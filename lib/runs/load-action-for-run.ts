import type { TeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';

// The action a run is asked of, read with the run's transaction. Stand-in until lib/actions
// exports its own loadActionForRun (the actions CRUD): same row, same 404.

export type ActionForRun = {
  id: string;
  identifier: string;
  title: string;
  blueprintId: string | null;
  triggerType: string;
  triggerConfig: Prisma.JsonValue;
  userInputs: Prisma.JsonValue;
  steps: Prisma.JsonValue;
  enabled: boolean;
  version: number;
};

export async function findActionForRun(tx: Prisma.TransactionClient, ctx: TeamContext, identifier: string): Promise<ActionForRun> {
  const action = await tx.action.findUnique({
    where: { teamId_identifier: { teamId: ctx.team.id, identifier } },
    select: {
      id: true,
      identifier: true,
      title: true,
      blueprintId: true,
      triggerType: true,
      triggerConfig: true,
      userInputs: true,
      steps: true,
      enabled: true,
      version: true,
    },
  });
  if (!action) throw new AppError('not_found', `action "${identifier}" not found`);
  return action;
}
