import { expect, test } from '@playwright/test';

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
