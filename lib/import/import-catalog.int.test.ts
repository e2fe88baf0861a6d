import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint, updateBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { getEntity } from '@/lib/entities/get-entity';
import { patchEntity } from '@/lib/entities/update-entity';
import { exportCatalog } from '@/lib/export/export-catalog';
import { parseExportParams } from '@/lib/export/parse-export-params';
import { testDb } from '@/lib/test/database-per-file';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { importCatalog, type ImportRequest } from './import-catalog';

// The import service against the real database: a Backstage catalog-info.yaml becomes the seven
// blueprints and its entities with their links (re-importing it writes nothing); an export with
// its blueprints imported into an empty team exports again byte for byte (links in chains and
// cycles between entities of the file, and a cycle between blueprints); dry runs keep nothing;
// CSV; who may import what; another team's data is never touched.

const db = () => testDb();
const LEGACY = expect.objectContaining({ identifier: 'legacy-billing', message: expect.stringContaining('legacy-oracle') });
const BACKSTAGE = readFileSync(path.join(__dirname, '../../e2e/fixtures/backstage/catalog-info.yaml'), 'utf8');

async function newTeam(): Promise<TeamContext> {
  const { team, owner } = await createTeam(db());
  return teamContextOf(owner, team.slug);
}

const run = (ctx: TeamContext, request: Partial<ImportRequest> & { text: string; contentType: string }) =>
  importCatalog(db(), ctx, { dryRun: false, ...request });

async function exportText(ctx: TeamContext, query: string): Promise<string> {
  const prepared = await exportCatalog(db(), ctx, parseExportParams(new URL(`http://x/export?${query}`)));
  return new Response(prepared.body).text();
}

async function counts(ctx: TeamContext) {
  const [blueprints, entities, audits] = await Promise.all([
    db().blueprint.count({ where: { teamId: ctx.team.id } }),
    db().entity.count({ where: { teamId: ctx.team.id } }),
    db().auditLog.count({ where: { teamId: ctx.team.id } }),
  ]);
  return { blueprints, entities, audits };
}

describe('a Backstage catalog-info.yaml', () => {
  let ctx: TeamContext;
  beforeAll(async () => {
    ctx = await newTeam();
  });

  it('dry run: says what it would create and keeps nothing', async () => {
    const answer = await run(ctx, { text: BACKSTAGE, contentType: 'application/yaml', dryRun: true });
    expect(answer.blueprints_created).toEqual(
      expect.arrayContaining(['component', 'api', 'system', 'domain', 'group', 'user', 'resource']),
    );
    expect(answer.created).toBe(62);
    expect(answer.failed).toEqual([LEGACY]);
    expect(answer.changes?.filter((c) => c.op === 'create')).toHaveLength(62);
    expect(await counts(ctx)).toEqual({ blueprints: 0, entities: 0, audits: 0 });
  });

  it('creates the blueprints and every entity with its links, in one import', async () => {
    const answer = await run(ctx, { text: BACKSTAGE, contentType: 'application/yaml' });
    // The fixture's legacy-billing depends on a resource that is in no file: it fails alone.
    expect(answer).toMatchObject({ created: 62, updated: 0, unchanged: 0, skipped: 2, failed: [LEGACY] });
    expect(answer.warnings.join('\n')).toMatch(/Location/);
    expect(answer.warnings.join('\n')).toMatch(/Template/);
    expect((await counts(ctx)).entities).toBe(62);

    const storefront = (await getEntity(db(), ctx, 'component', 'web-storefront')).entity;
    expect(storefront.title).toBe('web-storefront');
    expect(storefront.data).toMatchObject({ type: 'website', lifecycle: 'production', tags: ['typescript', 'nextjs'] });
    expect(storefront.relations).toMatchObject({
      owner: 'checkout-team',
      system: 'storefront',
      dependsOn: ['design-system'],
    });
    expect([...(storefront.relations.consumesApis as string[])].sort()).toEqual([
      'auth-api',
      'catalog-api',
      'checkout-api',
      'recommendations-api',
    ]);
    // A created entity was written once: one version, one audit row (no second pass for links).
    expect(await db().auditLog.count({ where: { teamId: ctx.team.id, entityId: storefront.id } })).toBe(1);
  });

  it('imported again, writes nothing', async () => {
    const before = await counts(ctx);
    const answer = await run(ctx, { text: BACKSTAGE, contentType: 'application/yaml' });
    expect(answer).toMatchObject({ created: 0, updated: 0, unchanged: 62, failed: [LEGACY], blueprints_created: [] });
    expect(await counts(ctx)).toEqual(before);
  });

  it('needs blueprint:write to create the blueprints; an editor of a team that has them may import', async () => {
    const fresh = await newTeam();
    const writer = { ...fresh, permissions: new Set(['entity:read', 'entity:write'] as const) };
    const refused = await expectAppError(run(writer, { text: BACKSTAGE, contentType: 'application/yaml' }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('blueprint:write');
    const viewer = await teamContextOf(await addMembership(db(), ctx.team.id, 'viewer'), ctx.team.slug);
    expect((await expectAppError(run(viewer, { text: BACKSTAGE, contentType: 'application/yaml' }))).code).toBe('forbidden');
    const editorOfImported = await teamContextOf(await addMembership(db(), ctx.team.id, 'editor'), ctx.team.slug);
    expect((await run(editorOfImported, { text: BACKSTAGE, contentType: 'application/yaml' })).unchanged).toBe(62);
  });

  it('reads kinds into existing blueprints with ?kinds=', async () => {
    const team = await newTeam();
    await createBlueprint(db(), team, { id: 'person', title: 'Person', schema: { type: 'object', properties: {} } });
    const user = `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ada\nspec:\n  profile:\n    displayName: Ada\n  memberOf: [platform]\n`;
    const answer = await run(team, { text: user, contentType: 'application/yaml', kinds: { user: 'person' } });
    expect(answer.failed).toEqual([]);
    expect(answer.warnings.join('\n')).toContain('"memberOf"');
    expect(answer.blueprints_created).not.toContain('person');
    expect((await getEntity(db(), team, 'person', 'ada')).entity.title).toBe('Ada');
  });
});

describe('an export imported into an empty team', () => {
  let source: TeamContext;
  beforeAll(async () => {
    source = await newTeam();
    // A cycle between blueprints (cluster -> service -> cluster) and links between entities in a
    // chain (a -> b -> c) and a cycle (x <-> y), so only rounds and the two-step write bring them in.
    await createBlueprint(db(), source, {
      id: 'cluster',
      title: 'Cluster',
      schema: { type: 'object', properties: { region: { type: 'string' } } },
    });
    await createBlueprint(db(), source, {
      id: 'service',
      title: 'Service',
      schema: { type: 'object', properties: { tier: { type: 'integer' }, notes: { type: 'string' } } },
      relations: { runs_on: { target: 'cluster', type: 'many-to-one' }, depends_on: { target: 'service' } },
    });
    await updateBlueprint(db(), source, 'cluster', {
      replace: false,
      input: { relations: { operator: { target: 'service', type: 'many-to-one' } } },
    });
    await createEntity(db(), source, 'cluster', { identifier: 'eu-1', title: 'EU 1', data: { region: 'eu' } } as never);
    await createEntity(db(), source, 'service', { identifier: 'c', data: { tier: 3 }, relations: { runs_on: 'eu-1' } } as never);
    await createEntity(db(), source, 'service', { identifier: 'b', data: { tier: 2 }, relations: { depends_on: ['c'] } } as never);
    await createEntity(db(), source, 'service', {
      identifier: 'a',
      data: { tier: 1, notes: '=cmd' },
      relations: { depends_on: ['b', 'c'] },
    } as never);
    await createEntity(db(), source, 'service', { identifier: 'x', data: {} } as never);
    await createEntity(db(), source, 'service', { identifier: 'y', data: {}, relations: { depends_on: ['x'] } } as never);
    await patchEntity(db(), source, 'service', 'x', { relations: { depends_on: ['y'] } } as never);
    await patchEntity(db(), source, 'cluster', 'eu-1', { relations: { operator: 'a' } } as never);
  });

  for (const format of ['json', 'ndjson', 'yaml'] as const) {
    it(`${format}: exports again byte for byte`, async () => {
      const first = await exportText(source, `format=${format}&include=blueprints`);
      const target = await newTeam();
      const contentType = { json: 'application/json', ndjson: 'application/x-ndjson', yaml: 'application/yaml' }[format];
      const answer = await run(target, { text: first, contentType });
      expect(answer.failed).toEqual([]);
      expect(answer.blueprints_created.sort()).toEqual(['cluster', 'service']);
      expect(answer.created).toBe(6);
      expect(await exportText(target, `format=${format}&include=blueprints`)).toBe(first);
    });
  }

  it('a dry run of the same keeps nothing, and another team is never touched', async () => {
    const text = await exportText(source, 'format=json&include=blueprints');
    const target = await newTeam();
    const before = await counts(source);
    const answer = await run(target, { text, contentType: 'application/json', dryRun: true });
    expect(answer).toMatchObject({ created: 6, failed: [], blueprints_created: ['cluster', 'service'] });
    expect(await counts(target)).toEqual({ blueprints: 0, entities: 0, audits: 0 });
    expect(await counts(source)).toEqual(before);
  });

  it('a link to an entity that fails fails its source too, and nothing else', async () => {
    const target = await newTeam();
    const text = JSON.stringify([
      { blueprint: 'service', identifier: 'ok', properties: {} },
      { blueprint: 'service', identifier: 'bad', properties: { tier: 'not a number' } },
      { blueprint: 'service', identifier: 'needs-bad', properties: {}, relations: { depends_on: ['bad'] } },
      { blueprint: 'service', identifier: 'needs-ok', properties: {}, relations: { depends_on: ['ok'] } },
    ]);
    await createBlueprint(db(), target, {
      id: 'service',
      title: 'Service',
      schema: { type: 'object', properties: { tier: { type: 'integer' } } },
      relations: { depends_on: { target: 'service' } },
    });
    const answer = await run(target, { text, contentType: 'application/json' });
    expect(answer.created).toBe(2);
    expect(answer.failed.map((f) => [f.index, f.identifier])).toEqual([
      [1, 'bad'],
      [2, 'needs-bad'],
    ]);
    expect(answer.failed[1].message).toContain('"bad"');
  });
});

describe('CSV and bad files', () => {
  it('imports a CSV of one blueprint, typed by its schema', async () => {
    const team = await newTeam();
    await createBlueprint(db(), team, {
      id: 'service',
      title: 'Service',
      schema: { type: 'object', properties: { tier: { type: 'integer' } } },
    });
    const answer = await run(team, {
      text: 'identifier,title,tier\napi,API,1\nweb,Web,two\n',
      contentType: 'text/csv',
      blueprint: 'service',
    });
    expect(answer.created).toBe(1);
    expect(answer.failed).toHaveLength(1);
    expect(answer.failed[0]).toMatchObject({ index: 1, identifier: 'web' });
    expect((await getEntity(db(), team, 'service', 'api')).entity.data).toEqual({ tier: 1 });
  });

  it('answers 404 for a CSV of a blueprint the team does not have, 400 for a media type it cannot read', async () => {
    const team = await newTeam();
    expect((await expectAppError(run(team, { text: 'identifier\na\n', contentType: 'text/csv', blueprint: 'nope' }))).code).toBe(
      'not_found',
    );
    expect((await expectAppError(run(team, { text: 'x', contentType: 'text/plain' }))).code).toBe('bad_request');
  });

  it('refuses a blueprints document of another version before writing anything', async () => {
    const team = await newTeam();
    const text = JSON.stringify({ kind: 'baseplate/blueprints', version: 2, blueprints: [] });
    expect((await expectAppError(run(team, { text, contentType: 'application/json' }))).code).toBe('bad_request');
    expect(await counts(team)).toEqual({ blueprints: 0, entities: 0, audits: 0 });
  });
});
