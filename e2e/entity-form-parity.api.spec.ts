import { expect, test, type APIRequestContext } from '@playwright/test';
import { validateEntityData } from '../lib/forms/validate-entity-data';
import { identifierError } from '../lib/forms/validate-identifier';
import { call, createBlueprint, createTeam, expectError, expectJson, newApiContext, register, type Session } from './support/api';
import { EVERY_TYPE_SCHEMA } from './support/every-type-schema';

// What the entity form refuses before submitting, the server refuses too, field for field: each
// body below goes through the form's own checks (lib/forms, run here in the test process exactly
// as the browser runs them) and through POST ?validate_only=true, and both must name the same
// fields. Valid bodies must pass both. A drift between the two layers fails this test.

const SCHEMA = structuredClone(EVERY_TYPE_SCHEMA) as unknown as object;
const BASE = { version: '1.0.0', owner: 'team@example.com', lifecycle: 'production' };

const INVALID: Array<{ what: string; identifier?: string; data: Record<string, unknown> }> = [
  { what: 'every required field missing', data: {} },
  { what: 'a bad semver', data: { ...BASE, version: '1.x' } },
  { what: 'a bad email', data: { ...BASE, owner: 'not-an-email' } },
  { what: 'a url that is not http(s)', data: { ...BASE, homepage: 'javascript:alert(1)' } },
  { what: 'a bad date and date-time', data: { ...BASE, launched: '2024-13-40', last_deployed_at: 'yesterday' } },
  { what: 'an integer out of range and a fraction', data: { ...BASE, replicas: 11, cpu: -1 } },
  { what: 'a non-integer', data: { ...BASE, replicas: 2.5 } },
  { what: 'a number as text (what a mangled number input gives)', data: { ...BASE, replicas: 'three' } },
  { what: 'a value outside the enum', data: { ...BASE, lifecycle: 'retired' } },
  { what: 'a boolean as a string', data: { ...BASE, public: 'yes' } },
  { what: 'a too long string', data: { ...BASE, name: 'x'.repeat(41) } },
  { what: 'too many tags and a too short one', data: { ...BASE, tags: ['a', 'bb', 'cc', 'dd', 'ee', 'ff'] } },
  { what: 'a tag too short', data: { ...BASE, tags: ['ok', 'x'] } },
  {
    what: 'a row without its required url, another with a bad port',
    data: { ...BASE, endpoints: [{ port: 80 }, { url: 'https://a.example', port: 70000 }] },
  },
  { what: 'a nested object missing its required field and under its minimum', data: { ...BASE, runtime: { memory_mb: 8 } } },
  { what: 'a nested enum', data: { ...BASE, runtime: { language: 'cobol' } } },
  { what: 'a bad identifier', identifier: '-starts-with-a-dash', data: BASE },
  { what: 'an identifier with a space', identifier: 'svc api', data: BASE },
];

const VALID: Array<{ identifier: string; data: Record<string, unknown> }> = [
  { identifier: 'svc/api@eu+1.2:x', data: BASE },
  {
    identifier: 'full',
    data: {
      ...BASE,
      name: 'Payments',
      replicas: 3,
      cpu: 0.5,
      public: false,
      homepage: 'https://pay.example.com',
      launched: '2024-03-15',
      last_deployed_at: '2024-05-01T12:30:00.000Z',
      readme: '# Hi',
      tags: ['eu', 'pci'],
      endpoints: [{ url: 'https://pay.example.com/v1', port: 443 }],
      runtime: { language: 'go', memory_mb: 512 },
    },
  },
];

/** The fields the form refuses, as the server names them (`/identifier`, `/data/...`). */
function formRefuses(identifier: string, data: Record<string, unknown>): string[] {
  const fields = Object.keys(validateEntityData(SCHEMA, data)).map((p) => `/data${p}`);
  if (identifierError(identifier)) fields.push('/identifier');
  return fields.sort();
}

let api: APIRequestContext;
let admin: Session;
let path: string;

test.beforeAll(async () => {
  api = await newApiContext();
  admin = await register(api, 'parity');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, { id: 'service', schema: SCHEMA });
  path = `/teams/${team.slug}/blueprints/service/entities?validate_only=true`;
});

test.afterAll(async () => {
  await api?.dispose();
});

for (const { what, identifier = 'parity', data } of INVALID) {
  test(`the form and the server both refuse ${what}, naming the same fields`, async () => {
    const form = formRefuses(identifier, data);
    expect(form.length, `the form refuses ${what}`).toBeGreaterThan(0);
    const body = await expectError(
      await call(api, 'POST', path, { token: admin.token, body: { identifier, data } }),
      422,
      `the server refuses ${what}`,
    );
    const server = [...new Set((body.error.details ?? []).map((d) => d.path))].sort();
    expect(server, `fields refused for ${what}: server vs form`).toEqual(form);
  });
}

test('the form and the server both accept valid entities', async () => {
  for (const { identifier, data } of VALID) {
    expect(formRefuses(identifier, data), `the form accepts ${identifier}`).toEqual([]);
    expect(
      await expectJson(
        await call(api, 'POST', path, { token: admin.token, body: { identifier, data } }),
        200,
        `the server accepts ${identifier}`,
      ),
    ).toEqual({ valid: true });
  }
});
