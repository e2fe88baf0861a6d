import { expect, test } from '@playwright/test';
import { API, call, createApiKey, createBlueprint, createTeam, db, expectError, register } from './support/api';
import { signIn } from './support/ui';

// Calls with an Authorization header are served by Baseplate's direct dispatcher (lib/cli/direct-api.ts);
// browser calls by Next.js. The same route handlers answer both: these tests hold the two paths to
// the same answers, and check what the dispatcher does itself (bodies, params, after-response work).

test('a session (Next.js) and a token (direct) get the same answers from the same routes', async ({ page, request }) => {
  const owner = await register(request, 'direct');
  const team = await createTeam(request, owner.token);
  await createBlueprint(request, owner.token, team.slug, { id: 'service' });
  const identifier = 'svc/payments@eu+1';
  const path = `/teams/${team.slug}/blueprints/service/entities`;
  expect((await call(request, 'POST', path, { token: owner.token, body: { identifier, title: 'Payments', data: {} } })).status()).toBe(201);

  await signIn(page, owner.email, owner.password);
  for (const p of [
    `/teams/${team.slug}`,
    `/teams/${team.slug}/blueprints/service`,
    `${path}/${encodeURIComponent(identifier)}`,
    `${path}?limit=5`,
    `/teams/${team.slug}/nothing-here`,
  ]) {
    const viaNext = await page.request.get(API + p);
    const direct = await call(request, 'GET', p, { token: owner.token });
    expect(direct.status(), `status of ${p}`).toBe(viaNext.status());
    expect(await direct.json(), `body of ${p}`).toEqual(await viaNext.json());
    expect(direct.headers()['content-type']).toBe(viaNext.headers()['content-type']);
    expect(direct.headers().etag, `etag of ${p}`).toBe(viaNext.headers().etag);
  }
  // An unknown API path is the API's JSON 404, by either path (not the portal's HTML page).
  await expectError(await call(request, 'GET', `/teams/${team.slug}/nothing-here`, { token: owner.token }), 404, 'an unknown API path');
  await expectError(await call(request, 'DELETE', '/no/such/route'), 404, 'an unknown API path without credentials');
});

test('the dispatcher decodes path parameters, refuses a body over 1 MiB with 413, and keeps serving', async ({ request }) => {
  const owner = await register(request, 'direct');
  const team = await createTeam(request, owner.token);
  await createBlueprint(request, owner.token, team.slug, { id: 'service' });
  const path = `/teams/${team.slug}/blueprints/service/entities`;
  const huge = { identifier: 'big', data: { blob: 'x'.repeat(1_200_000) } };
  const refused = await expectError(await call(request, 'POST', path, { token: owner.token, body: huge }), 413, 'a 1.2 MB body');
  expect(refused.error.code).toBe('payload_too_large');
  expect((await call(request, 'POST', path, { token: owner.token, body: { identifier: 'a:b/c', data: {} } })).status()).toBe(201);
  const got = await call(request, 'GET', `${path}/a%3Ab%2Fc`, { token: owner.token });
  expect(got.status()).toBe(200);
  expect((await got.json()).identifier).toBe('a:b/c');
});

test('work queued after the response still runs on the direct path (an API key is stamped as used)', async ({ request }) => {
  const owner = await register(request, 'direct');
  const team = await createTeam(request, owner.token);
  const { api_key, key } = await createApiKey(request, owner.token, team.slug, ['blueprint:read']);
  expect((await call(request, 'GET', `/teams/${team.slug}/blueprints`, { token: key })).status()).toBe(200);
  await expect
    .poll(async () => (await db().query('SELECT last_used_at FROM api_keys WHERE id = $1', [api_key.id])).rows[0].last_used_at, {
      timeout: 5_000,
    })
    .not.toBeNull();
});
