import { describe, expect, it } from 'vitest';
import { testDb } from '@/lib/test/database-per-file';
import { createUser, expectAppError, requestContextFor, userActorOf } from '@/lib/test/fixtures';
import type { UserActor } from './actor';
import { issueLoginToken } from './login-tokens';
import { listLoginTokens } from './login-token-service';
import { actorFromSessionUser } from './resolve-actor';
import { listSessions, revokeSession } from './session-service';
import { stampCredentialUse } from './stamp-credential-use';
import { createUserSession } from './user-sessions';

// Where and when each credential was last used: stamped at most once a minute per credential (a
// gate in memory, and the UPDATE's own WHERE across instances), never a write per request. And a
// person's sessions: listed with "this one" marked, revoked by id (another person's: 404).

const db = () => testDb();
const MINUTE = 60_000;
const seenFrom = { ip: '198.51.100.7', userAgent: 'Firefox/140 (the second laptop)' };

async function sessionActor() {
  const user = await createUser(db());
  const sessionId = await createUserSession(db(), user.id, null);
  const actor: UserActor = { ...userActorOf(user), via: 'session', credentialId: sessionId };
  return { user, sessionId, actor };
}

const lastUsedOf = async (id: string) => (await db().userSession.findUniqueOrThrow({ where: { id } })).lastUsedAt;

describe('last-used stamps', () => {
  it('stamp a session once a minute at most: the memory gate, then the statement itself', async () => {
    const { sessionId, actor } = await sessionActor();
    const start = Date.now();
    await stampCredentialUse(db(), actor, seenFrom, start);
    const first = await db().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(first.lastUsedAt).not.toBeNull();
    expect(first.lastUsedIp).toBe(seenFrom.ip);
    expect(first.userAgent).toBe(seenFrom.userAgent); // unknown at sign-in, filled by the first use

    // Within the minute the memory gate stops it before any SQL.
    await db().userSession.update({ where: { id: sessionId }, data: { lastUsedAt: new Date(Date.now() - 5 * MINUTE) } });
    await stampCredentialUse(db(), actor, { ...seenFrom, ip: '203.0.113.9' }, start + 30_000);
    expect((await lastUsedOf(sessionId))!.getTime()).toBeLessThan(Date.now() - 4 * MINUTE);

    // Past the memory gate (another instance, say), the statement's WHERE still holds the minute.
    await db().userSession.update({ where: { id: sessionId }, data: { lastUsedAt: new Date() } });
    const recent = await lastUsedOf(sessionId);
    await stampCredentialUse(db(), actor, { ...seenFrom, ip: '203.0.113.9' }, start + 2 * MINUTE);
    const unchanged = await db().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(unchanged.lastUsedAt).toEqual(recent);
    expect(unchanged.lastUsedIp).toBe(seenFrom.ip);

    // A minute later in both: stamped again, from the new address; the user agent stays the first one.
    await db().userSession.update({ where: { id: sessionId }, data: { lastUsedAt: new Date(Date.now() - 2 * MINUTE) } });
    await stampCredentialUse(db(), actor, { ip: '203.0.113.9', userAgent: 'other' }, start + 4 * MINUTE);
    const again = await db().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(again.lastUsedIp).toBe('203.0.113.9');
    expect(again.userAgent).toBe(seenFrom.userAgent);
  });

  it("stamp a login token, shown in the person's list", async () => {
    const user = await createUser(db());
    await issueLoginToken(db(), user.id, 'curl/8');
    const [row] = await db().loginToken.findMany({ where: { userId: user.id } });
    const actor: UserActor = { ...userActorOf(user), via: 'token', credentialId: row.id };
    await stampCredentialUse(db(), actor, seenFrom);
    const { login_tokens } = await listLoginTokens(db(), requestContextFor(actor));
    expect(login_tokens).toEqual([expect.objectContaining({ id: row.id, user_agent: 'curl/8', last_used_ip: seenFrom.ip, current: true })]);
    expect(login_tokens[0].last_used_at).not.toBeNull();
  });
});

describe("a person's browser sessions", () => {
  it('are listed with the current one marked, and one revoked ends it on its next request', async () => {
    const { user, sessionId, actor } = await sessionActor();
    const other = await createUserSession(db(), user.id, 'Chromium');
    const ctx = requestContextFor(actor);
    const { sessions } = await listSessions(db(), ctx);
    expect(sessions.map((s) => [s.id, s.current]).sort()).toEqual(
      [
        [sessionId, true],
        [other, false],
      ].sort(),
    );
    expect(await actorFromSessionUser(db(), { userId: user.id, sessionId: other })).not.toBeNull();
    await revokeSession(db(), ctx, other);
    expect(await actorFromSessionUser(db(), { userId: user.id, sessionId: other })).toBeNull();
    expect((await listSessions(db(), ctx)).sessions.map((s) => s.id)).toEqual([sessionId]);
  });

  it("answer 404 for another person's session, which keeps working", async () => {
    const mine = await sessionActor();
    const theirs = await sessionActor();
    const error = await expectAppError(revokeSession(db(), requestContextFor(mine.actor), theirs.sessionId));
    expect(error.code).toBe('not_found');
    expect(await actorFromSessionUser(db(), { userId: theirs.user.id, sessionId: theirs.sessionId })).not.toBeNull();
  });
});
