import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { updateBlueprint } from '@/lib/blueprints/blueprint-service';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, createUser, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { getTeamOpenApi } from './get-team-openapi';
import { RECURSIVE_SCHEMA, RICH_SERVICE_SCHEMA } from './team-openapi.fixtures';
import { compileUsage, generateTypes, usageSource, type UsageFile } from './testing/compile-typed-client';

// The team document built from real blueprints in the database: valid OpenAPI 3.1, only the
// team's own blueprints, an ETag that follows them, and, the point of it all, a client generated
// from it (openapi-typescript) that accepts a valid entity and refuses invalid ones at compile time.
// An integration test rather than an e2e one: it needs real blueprint rows and the real service,
// not a browser or the HTTP layer (the route's statuses are in e2e/openapi.api.spec.ts), and the
// compiler runs far faster here than behind a production build.

const SERVER = 'https://baseplate.example.com';
type Doc = { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };

let ctx: TeamContext;
let otherCtx: TeamContext;
let slug: string;

beforeAll(async () => {
  const db = testDb();
  const { team, owner } = await createTeam(db);
  slug = team.slug;
  await createBlueprint(db, team.id, 'service', RICH_SERVICE_SCHEMA);
  await createBlueprint(db, team.id, 'component', RECURSIVE_SCHEMA);
  ctx = await teamContextOf(owner, team.slug);
  const other = await createTeam(db);
  await createBlueprint(db, other.team.id, 'hidden-vault', { type: 'object', properties: { vault_code: { type: 'string' } } });
  await createBlueprint(db, other.team.id, 'service', { type: 'object', properties: { other_teams_field: { type: 'boolean' } } });
  otherCtx = await teamContextOf(other.owner, other.team.slug);
});

const documentOf = async (c: TeamContext) => (await getTeamOpenApi(testDb(), c, SERVER)).build() as Doc;

describe("a team's OpenAPI document from its blueprints", () => {
  it('validates as OpenAPI 3.1 with rich blueprints (nested objects, arrays of objects, enums, formats, $defs)', async () => {
    const doc = await documentOf(ctx);
    const result = await new Validator().validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        `/api/v1/teams/{team}/blueprints/service/entities`,
        `/api/v1/teams/{team}/blueprints/component/entities/{identifier}`,
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'ServiceData',
        'ServiceData_person',
        'ServiceEntity',
        'ServiceEntityInput',
        'ServiceEntityPatch',
        'ComponentEntity',
      ]),
    );
  });

  it("never shows another team's blueprints", async () => {
    const text = JSON.stringify(await documentOf(ctx));
    // (booleans, not toContain: a failure should not print the whole document)
    expect(['hidden-vault', 'HiddenVault', 'vault_code', 'other_teams_field', otherCtx.team.slug].filter((s) => text.includes(s))).toEqual(
      [],
    );
    expect(text.includes(slug)).toBe(true);
    const theirs = JSON.stringify(await documentOf(otherCtx));
    expect(theirs.includes('/blueprints/hidden-vault/entities')).toBe(true);
    expect(['on_call', 'ServiceData_person', 'ComponentEntity', slug].filter((s) => theirs.includes(s))).toEqual([]);
  });

  it('is 404 for someone who is not a member of the team', async () => {
    const outsider = await createUser(testDb());
    const error = await expectAppError(teamContextOf(outsider, slug));
    expect(error.code).toBe('not_found');
  });

  it('has an ETag that stays while the blueprints do, and changes with a blueprint, the server or the team', async () => {
    const first = (await getTeamOpenApi(testDb(), ctx, SERVER)).etag;
    expect((await getTeamOpenApi(testDb(), ctx, SERVER)).etag).toBe(first);
    expect((await getTeamOpenApi(testDb(), ctx, 'http://other:3000')).etag).not.toBe(first);
    expect((await getTeamOpenApi(testDb(), otherCtx, SERVER)).etag).not.toBe(first);
    await updateBlueprint(testDb(), ctx, 'component', { replace: false, input: { title: 'Component v2' } });
    const after = await getTeamOpenApi(testDb(), ctx, SERVER);
    expect(after.etag).not.toBe(first);
    expect(JSON.stringify(after.build())).toContain('Component v2');
  });
});

/** A script of the team's API user: good entities compile, each bad one must not. */
function usage(teamSlug: string): UsageFile {
  const base = "'/api/v1/teams/{team}/blueprints/service/entities'";
  return {
    good: [
      "type Input = components['schemas']['ServiceEntityInput'];",
      "type Patch = components['schemas']['ServiceEntityPatch'];",
      `type Create = paths[${base}]['post'];`,
      "type Body = NonNullable<Create['requestBody']>['content']['application/json'];",
      "type Created = Create['responses'][201]['content']['application/json'];",
      "type Page = paths[`${'/api/v1/teams/{team}/blueprints/service/entities'}`]['get']['responses'][200]['content']['application/json'];",
      "type Tree = components['schemas']['ComponentEntityInput'];",
      "const lead = { email: 'ada@example.com', role: 'lead' } as const;",
      "export const ok: Body = { identifier: 'checkout', title: 'Checkout', data: { name: 'checkout', lifecycle: 'production', owner: lead, on_call: [lead, { email: 'bo@example.com', role: 'member', name: 'Bo' }], ports: [{ port: 443, protocol: 'tcp' }], metadata: { environment: 'production', region: 'eu' }, tags: ['payments'], tier: 1, version: '1.2.3' } };",
      "export const minimal: Input = { identifier: 'm', data: { name: 'm', lifecycle: 'experimental', owner: lead } };",
      "export const patch: Patch = { data: { tier: null, metadata: { region: 'us' }, ports: [{ port: 80, protocol: 'udp' }] } };",
      "export const tree: Tree = { identifier: 'ui', data: { kind: 'library', children: [{ kind: 'app', children: [] }] } };",
      "export const lifecycleOf = (e: Created): 'experimental' | 'production' | 'deprecated' => e.data.lifecycle;",
      "export const ownerRole = (e: Created): 'lead' | 'member' => e.data.owner.role;",
      "export const blueprintOf = (p: Page): 'service' | undefined => p.entities[0]?.blueprint;",
      `export const team: Create['parameters']['path']['team'] = '${teamSlug}';`,
    ],
    bad: [
      { why: 'wrong enum value', line: "export const badEnum: Input = { identifier: 'a', data: { ...ok.data, lifecycle: 'retired' } };" },
      {
        why: 'missing required property (owner)',
        line: "export const noOwner: Input = { identifier: 'a', data: { name: 'a', lifecycle: 'production' } };",
      },
      { why: 'missing identifier', line: 'export const noIdentifier: Input = { data: ok.data };' },
      {
        why: 'wrong type (tier is an integer)',
        line: "export const badTier: Input = { identifier: 'a', data: { ...ok.data, tier: 'high' } };",
      },
      {
        why: 'wrong type inside an array of objects',
        line: "export const badPort: Input = { identifier: 'a', data: { ...ok.data, ports: [{ port: '443', protocol: 'tcp' }] } };",
      },
      {
        why: 'wrong enum inside a $defs object',
        line: "export const badRole: Input = { identifier: 'a', data: { ...ok.data, owner: { email: 'x@example.com', role: 'boss' } } };",
      },
      {
        why: 'missing required property of a nested object',
        line: "export const badMeta: Input = { identifier: 'a', data: { ...ok.data, metadata: { region: 'eu' } } };",
      },
      { why: 'wrong enum in a merge patch', line: "export const badPatch: Patch = { data: { lifecycle: 'retired' } };" },
      {
        why: 'wrong enum deep in a recursive schema',
        line: "export const badTree: Tree = { identifier: 'ui', data: { kind: 'app', children: [{ kind: 'plugin' }] } };",
      },
      { why: 'the entity answer is of this blueprint only', line: "export const wrongBlueprint: Created['blueprint'] = 'database';" },
      { why: "another team's slug", line: "export const otherTeam: Create['parameters']['path']['team'] = 'someone-else';" },
      { why: "another team's blueprint has no types here", line: "export type Vault = components['schemas']['HiddenVaultEntity'];" },
    ],
  };
}

describe("a client generated from the team's document (openapi-typescript)", () => {
  it('type-checks a valid entity body and refuses each invalid one', { timeout: 120_000 }, async () => {
    const types = await generateTypes(await documentOf(ctx));
    expect(types).toContain('ServiceEntityInput');
    const script = usage(slug);

    // With the directives: zero diagnostics, so every @ts-expect-error line did fail to compile
    // (TypeScript reports an unused directive) and every good line compiled.
    const strict = usageSource(script, true);
    expect(compileUsage(types, strict.source)).toEqual([]);

    // Without them: each bad line, and only those, is an error; the test above can fail.
    const loose = usageSource(script, false);
    const diagnostics = compileUsage(types, loose.source);
    expect(diagnostics.every((d) => d.file === 'usage.ts')).toBe(true);
    expect([...new Set(diagnostics.map((d) => d.line))].sort((a, b) => a - b)).toEqual(loose.badLines);
  });
});
