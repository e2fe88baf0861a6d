import type { Permission } from '@/lib/authz/permissions';

// Who is calling: a person (browser session, login token or personal access token) or a script
// (API key). These are the only actors a request can carry; the system (below) acts without a request.

/** What a personal access token narrows its person to (lib/auth/personal-tokens.ts). */
export type PersonalTokenLimits = {
  /** The only teams it reaches; any other team answers 404, as for an API key of another team. */
  teamIds: readonly string[];
  /** Its own permissions, intersected in each team with the person's current role. */
  permissions: readonly Permission[];
};

export type UserActor = {
  kind: 'user';
  userId: string;
  email: string;
  name: string | null;
  via: 'session' | 'token' | 'personal_token';
  /** The server-side session's, login token's or personal token's id: what "end my other sessions" keeps. */
  credentialId?: string;
  /** Set exactly when `via` is 'personal_token'. */
  limits?: PersonalTokenLimits;
};

export type ApiKeyActor = {
  kind: 'api_key';
  keyId: string;
  keyName: string;
  /** The one team the key works in. */
  teamId: string;
  /** The key's creator, whose current permissions cap the key's (API.md). */
  creatorId: string | null;
  keyPermissions: Permission[];
};

/** The actors a request can carry (RequestContext): resolveActor only ever makes these. */
export type Actor = UserActor | ApiKeyActor;

/**
 * Baseplate itself, acting for an automation, an integration or a run: no person, no key, its own
 * permission set, audited as 'system' with what it acted for. Only server code builds one
 * (systemContext in lib/authz/system-context.ts); no route can, since RequestContext holds an Actor.
 */
export type SystemActor = {
  kind: 'system';
  /** A run: its catalog-writing steps and its reports by run token (lib/runs). */
  on_behalf: { type: 'automation' | 'integration' | 'run'; id: string };
  permissions: readonly Permission[];
};

/** Whoever a service acts for: a request's actor, or the system. */
export type ContextActor = Actor | SystemActor;

/** The user an action is attributed to: the person, or the key's creator; nobody for the system. */
export function actingUserId(actor: ContextActor): string | null {
  if (actor.kind === 'system') return null;
  return actor.kind === 'user' ? actor.userId : actor.creatorId;
}

/** The actor's own id, for logs: the user, the key, or what the system acted for. */
export function actorIdOf(actor: ContextActor): string {
  if (actor.kind === 'system') return `${actor.on_behalf.type}:${actor.on_behalf.id}`;
  return actor.kind === 'user' ? actor.userId : actor.keyId;
}
