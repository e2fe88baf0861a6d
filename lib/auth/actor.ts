import type { Permission } from '@/lib/authz/permissions';

// Who is calling: a person (browser session or login token) or a script (API key).

export type UserActor = {
  kind: 'user';
  userId: string;
  email: string;
  name: string | null;
  via: 'session' | 'token';
  /** The server-side session's id or the login token's id: what "end my other sessions" keeps. */
  credentialId?: string;
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

export type Actor = UserActor | ApiKeyActor;

/** The user an action is attributed to: the person, or the key's creator. */
export function actingUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : actor.creatorId;
}
