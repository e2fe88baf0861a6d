import { AppError } from '@/lib/errors';
import { allows, SERVICE_ENTRY_POINTS, type EntryPoint } from './service-permissions';
import type { TeamContext } from './team-context';

// For callers that must know before calling: a page hiding an Edit link, or a page whose data the
// browser loads later through the API. They ask the table of entry points, which the services are
// tested against (service-permissions.int.test.ts), so their answer is the service's answer.

export function mayCall(ctx: TeamContext, entry: EntryPoint): boolean {
  return allows(entry, { kind: ctx.actor.kind, permissions: ctx.permissions });
}

/** Throws the very refusal `entry` would throw (AppError forbidden). */
export function requireEntryPoint(ctx: TeamContext, entry: EntryPoint): void {
  if (mayCall(ctx, entry)) return;
  const rule: { needs: string; peopleOnly?: true } = SERVICE_ENTRY_POINTS[entry];
  throw new AppError(
    'forbidden',
    rule.peopleOnly && ctx.actor.kind !== 'user' ? 'only a person may do this' : `this needs the ${rule.needs} permission`,
  );
}
