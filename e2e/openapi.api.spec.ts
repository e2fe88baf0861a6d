import { expect, test } from '@playwright/test';
import { call, createBlueprint, createTeam, expectError, expectJson, register } from './support/api';

// The OpenAPI document is public and describes the routes (lib/openapi/openapi.test.ts checks it
// against the official 3.1 schema and against the route files; this checks it is served).

test('GET /api/v1/openapi.json answers the OpenAPI 3.1 document without credentials', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(response.headers()['cache-control']).toBe('public, max-age=300');
  const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/teams', '/api/v1/teams/{team}/blueprints/{blueprint_id}']));
});

test("GET /api/v1/teams/{team}/openapi.json: the team's document with typed entity paths, an ETag, 304 on revalidation", async ({
  request,
  baseURL,
}) => {
  const admin = await register(request, 'oas');
  const team = await createTeam(request, admin.token);
  const path = `/teams/${team.slug}/openapi.json`;
  await createBlueprint(request, admin.token, team.slug, {
    id: 'service',
    schema: { type: 'object', required: ['tier'], properties: { tier: { type: 'string', enum: ['gold', 'silver'] } } },
  });

  const first = await call(request, 'GET', path, { token: admin.token });
  expect(first.status()).toBe(200);
  expect(first.headers()['cache-control']).toBe('private, no-cache');
  const etag = first.headers().etag;
  expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  const doc = (await first.json()) as {
    servers: Array<{ url: string }>;
    paths: Record<string, unknown>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  expect(doc.servers[0].url).toBe(new URL(baseURL!).origin);
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(['/api/v1/teams/{team}/blueprints/service/entities', '/api/v1/teams/{team}/openapi.json']),
  );
  expect(doc.components.schemas.ServiceData.properties?.tier).toEqual({ type: 'string', enum: ['gold', 'silver'] });

  const again = await call(request, 'GET', path, { token: admin.token, headers: { 'if-none-match': etag } });
  expect(again.status()).toBe(304);
  expect(again.headers().etag).toBe(etag);
  expect(await again.text()).toBe('');

  // A saved blueprint change is a new document.
  await expectJson(
    await call(request, 'PATCH', `/teams/${team.slug}/blueprints/service`, { token: admin.token, body: { title: 'Service v2' } }),
    200,
    'patch the blueprint',
  );
  const changed = await call(request, 'GET', path, { token: admin.token, headers: { 'if-none-match': etag } });
  expect(changed.status()).toBe(200);
  expect(changed.headers().etag).not.toBe(etag);

  await expectError(await call(request, 'GET', `${path}?pretty=true`, { token: admin.token }), 400, 'an unknown query parameter');
  const outsider = await register(request, 'oas-outsider');
  await expectError(await call(request, 'GET', path, { token: outsider.token }), 404, 'a non-member');
  await expectError(await call(request, 'GET', path), 401, 'no credentials');
});
