import { randomUUID } from 'node:crypto';
import type { SystemActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import type { TeamSummary } from '@/lib/teams/team-summary';
import { isPermission, type Permission } from './permissions';
import type { TeamContext } from './team-context';

// The context in which Baseplate itself acts for an automation or an integration: no user, no
// key, only the permission set it is given (never more: services check it like any other), and
// audited as actor_type 'system' with on_behalf_type / on_behalf_id (lib/audit/write-audit.ts).
// Server-side only: routes get their context from withTeam, which can only hold a user or a key
// (lib/authz/system-context.test.ts checks that nothing under app/ builds one).

export type OnBehalf = SystemActor['on_behalf'];

export function systemContext(
  team: TeamSummary,
  options: { on_behalf: OnBehalf; permissions: readonly Permission[]; requestId?: string },
): TeamContext {
  const { on_behalf, permissions } = options;
  if (!['automation', 'integration', 'run'].includes(on_behalf.type) || !on_behalf.id || on_behalf.id.length > 255) {
    throw new AppError('bad_request', 'a system context acts for an automation, an integration or a run, named by its id');
  }
  const granted = permissions.filter(isPermission); // unknown strings are denied, as in roles
  const actor: SystemActor = { kind: 'system', on_behalf: { type: on_behalf.type, id: on_behalf.id }, permissions: granted };
  return {
    requestId: options.requestId ?? randomUUID(),
    actor,
    ip: null,
    userAgent: null,
    team: { id: team.id, slug: team.slug, name: team.name },
    permissions: new Set(granted),
    role: null,
  };
}
