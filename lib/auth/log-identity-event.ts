import type { RequestContext } from '@/lib/authz/team-context';
import { log } from '@/lib/observability/logger';
import type { UserActor } from './actor';

// A person's own account events (password changed, a session or token revoked, a personal token
// made, the name changed). The audit log is a team's (audit_logs.team_id) and these belong to no
// team, so they go to the structured log, one line each with the request id, as sign-in refusals
// do (auth-logger.ts). Never a secret: the token's id and prefix at most.

export type IdentityEvent =
  'password.changed' | 'profile.updated' | 'session.revoked' | 'login_token.revoked' | 'personal_token.created' | 'personal_token.revoked';

export function logIdentityEvent(ctx: RequestContext, person: UserActor, event: IdentityEvent, fields: Record<string, unknown> = {}): void {
  log().info({ event, userId: person.userId, via: person.via, ip: ctx.ip, ...fields }, 'account event');
}
