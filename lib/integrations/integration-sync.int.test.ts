import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { getEntity } from '@/lib/entities/get-entity';
import { validateBody } from '@/lib/http/request-body';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { addMembership, createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { createIntegrationBody, type IntegrationInput } from './integration-schemas';
import { createIntegration, deleteIntegration, getIntegration, rotateIntegrationSecret, updateIntegration } from './integration-service';
import { listIntegrationSyncs } from './list-integration-syncs';
import { findIntegrationOrThrow, openIntegrationSecret } from './load-integration';
import { runIntegrationSync, syncIntegration } from './sync-integration';
import { syncRequestOfBody, type SyncOptions } from './ingest-webhook';
import { importCatalog } from '@/lib/import/import-catalog';

// Integrations and their syncs against the real database: the save-time compile of mappings (400
// naming the mapping and field), the secret (sealed, answered once), the engine's counts
// (created / updated / unchanged / failed), that an unchanged item writes nothing, full syncs that
// delete only what this integration wrote and refuse past the threshold until forced, dry runs that
// write nothing, audit rows naming the integration, hostile mappings stopped at their limits, and
// another team's integration answering 404.

const db = () => testDb();
const SCHEMA = {
  type: 'object',
  properties: { language: { type: 'string' }, stars: { type: 'integer', minimum: 0 } },
};

let admin: TeamContext;
let viewer: TeamContext;
let other: TeamContext;

beforeAll(async () => {
  const { team, owner } = await createTeam(db());
  admin = await teamContextOf(owner, team.slug);
  viewer = await teamContextOf(await addMembership(db(), team.id, 'viewer'), team.slug);
  const second = await createTeam(db());
  other = await teamContextOf(second.owner, second.team.slug);
  for (const c of [admin, other]) {
    await createBlueprint(db(), c, { id: 'team', title: 'Team', schema: { type: 'object', properties: {} } });
    await createBlueprint(db(), c, {
      id: 'repo',
      title: 'Repository',
      schema: SCHEMA,
      relations: { owner: { target: 'team', type: 'many-to-one' } },
    } as never);
  }
  await createEntity(db(), admin, 'team', { identifier: 'platform', data: {} } as never);
});

let n = 0;
const nextId = () => `gh${++n}`;
const REPO_MAPPING = {
  blueprint: 'repo',
  selector: "kind = 'repo'",
  entity: {
    identifier: 'name',
    title: "'Repo ' & name",
    properties: { language: 'lang', stars: 'stars' },
    relations: { owner: 'owner' },
  },
};
const body = (over: Partial<IntegrationInput> = {}): IntegrationInput =>
  validateBody(createIntegrationBody, { identifier: nextId(), title: 'GitHub', kind: 'webhook', mappings: [REPO_MAPPING], ...over });
const repo = (name: string, extra: Record<string, unknown> = {}) => ({
  kind: 'repo',
  name,
  lang: 'go',
  stars: 1,
  owner: 'platform',
  ...extra,
});

async function counts(teamId: string) {
  const { rows } = await testPool().query(
    `SELECT (SELECT count(*) FROM entities WHERE team_id = $1)::int AS entities,
            (SELECT count(*) FROM audit_logs WHERE team_id = $1)::int AS audit_logs,
            (SELECT count(*) FROM catalog_events WHERE team_id = $1)::int AS catalog_events,
            (SELECT coalesce(sum(version), 0) FROM entities WHERE team_id = $1)::int AS versions,
            (SELECT count(*) FROM entity_relations WHERE team_id = $1)::int AS links`,
    [teamId],
  );
  return rows[0] as Record<string, number>;
}

describe('integrations', () => {
  it('answers the secret once, keeps it sealed, and rotates it', async () => {
    const created = await createIntegration(db(), admin, body({ identifier: 'sealed' }));
    expect(created.secret).toMatch(/^bpis_[0-9a-f]{64}$/);
    expect(JSON.stringify(created.integration)).not.toContain(created.secret);
    const { row } = await findIntegrationOrThrow(db(), admin.team.id, 'sealed');
    expect(row.secret).toMatch(/^v1:/);
    expect(openIntegrationSecret(row)).toBe(created.secret);
    const rotated = await rotateIntegrationSecret(db(), admin, 'sealed');
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.version).toBe(2);
    expect(openIntegrationSecret((await findIntegrationOrThrow(db(), admin.team.id, 'sealed')).row)).toBe(rotated.secret);
    const { rows } = await testPool().query(
      `SELECT action, new_data::text AS data FROM audit_logs WHERE team_id = $1 AND entity_type = 'integration'`,
      [admin.team.id],
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['integration.created', 'integration.secret_rotated']));
    for (const r of rows) expect(r.data ?? '').not.toContain(created.secret.slice(5));
  });

  it('compiles every expression when saved: a 400 naming the mapping and field', async () => {
    const bad = body({ mappings: [REPO_MAPPING, { ...REPO_MAPPING, entity: { identifier: 'name', properties: { stars: 'stars +' } } }] });
    const error = await expectAppError(createIntegration(db(), admin, bad));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('/mappings/1/entity/properties/stars');
    const missing = await expectAppError(createIntegration(db(), admin, body({ mappings: [{ ...REPO_MAPPING, blueprint: 'nope' }] })));
    expect(missing.code).toBe('validation_failed');
    expect(missing.details).toEqual([{ path: '/mappings/0/blueprint', message: 'the team has no blueprint "nope"' }]);
  });

  it('keeps the mappings in order, checks If-Match, refuses a rename, and needs integration:write', async () => {
    const created = await createIntegration(db(), admin, body({ identifier: 'ordered' }));
    const second = { blueprint: 'team', entity: { identifier: 'team' } };
    const patched = await updateIntegration(
      db(),
      admin,
      'ordered',
      { replace: false, patch: { mappings: [second, REPO_MAPPING] } },
      { ifMatch: [created.version] },
    );
    expect(patched.integration.mappings.map((m) => m.blueprint)).toEqual(['team', 'repo']);
    expect(
      (await expectAppError(updateIntegration(db(), admin, 'ordered', { replace: false, patch: { title: 'x' } }, { ifMatch: [1] }))).code,
    ).toBe('conflict');
    expect(
      (await expectAppError(updateIntegration(db(), admin, 'ordered', { replace: false, patch: { identifier: 'renamed' } }))).code,
    ).toBe('validation_failed');
    expect((await expectAppError(createIntegration(db(), viewer, body()))).code).toBe('forbidden');
    expect((await getIntegration(db(), viewer, 'ordered')).integration.title).toBe('GitHub');
  });

  it("another team's integration is a 404 for every entry point", async () => {
    await createIntegration(db(), admin, body({ identifier: 'mine' }));
    for (const call of [
      () => getIntegration(db(), other, 'mine'),
      () => updateIntegration(db(), other, 'mine', { replace: false, patch: { title: 'x' } }),
      () => deleteIntegration(db(), other, 'mine'),
      () => rotateIntegrationSecret(db(), other, 'mine'),
      () => syncIntegration(db(), other, 'mine', { items: [repo('x')] }),
      () => listIntegrationSyncs(db(), other, 'mine', { limit: 10, cursor: null }),
    ]) {
      expect((await expectAppError(call())).code).toBe('not_found');
    }
  });
});

describe('syncs', () => {
  it('counts created, updated, unchanged and failed; an unchanged item writes nothing', async () => {
    await createIntegration(db(), admin, body({ identifier: 'counts' }));
    const first = await syncIntegration(db(), admin, 'counts', {
      items: [repo('api'), repo('web'), repo('bad', { stars: -1 }), { kind: 'other' }, repo('ghost', { owner: 'nobody' })],
    });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0, deleted: 0, skipped: 1 });
    expect(first.failed.map((f) => [f.index, f.identifier])).toEqual([
      [2, 'bad'],
      [4, 'ghost'],
    ]);
    expect(first.failed[0].path).toBe('/data/stars');
    const api = await getEntity(db(), admin, 'repo', 'api');
    expect(api.entity).toMatchObject({ title: 'Repo api', data: { language: 'go', stars: 1 }, relations: { owner: 'platform' } });

    const before = await counts(admin.team.id);
    const again = await syncIntegration(db(), admin, 'counts', { items: [repo('api'), repo('web')] });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: [] });
    expect(await counts(admin.team.id)).toEqual(before);

    const changed = await syncIntegration(db(), admin, 'counts', { items: [repo('api', { stars: 5 }), repo('web')] });
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect((await getEntity(db(), admin, 'repo', 'api')).entity).toMatchObject({ data: { stars: 5 } });
  });

  it('audit rows and events name the integration', async () => {
    const created = await createIntegration(db(), admin, body({ identifier: 'audited' }));
    await syncIntegration(db(), admin, 'audited', { items: [repo('audited-repo')] });
    const { row } = await findIntegrationOrThrow(db(), admin.team.id, 'audited');
    const { rows } = await testPool().query(
      `SELECT a.actor_type, a.on_behalf_type, a.on_behalf_id, e.actor_type AS event_actor
         FROM audit_logs a JOIN catalog_events e ON e.audit_id = a.id
        WHERE a.team_id = $1 AND a.action = 'entity.created' AND a.new_data->>'identifier' = 'audited-repo'`,
      [admin.team.id],
    );
    expect(created.version).toBe(1);
    expect(rows).toEqual([{ actor_type: 'system', on_behalf_type: 'integration', on_behalf_id: row.id, event_actor: 'integration' }]);
  });

  it('a full sync deletes only what this integration wrote and did not send; past the threshold it is refused, then forced', async () => {
    await createIntegration(db(), admin, body({ identifier: 'full-a', deletion_threshold: 0.5 }));
    await createIntegration(db(), admin, body({ identifier: 'full-b' }));
    await syncIntegration(db(), admin, 'full-a', { items: ['f1', 'f2', 'f3', 'f4'].map((x) => repo(x)) });
    await syncIntegration(db(), admin, 'full-b', { items: [repo('b1')] });
    await createEntity(db(), admin, 'repo', { identifier: 'by-hand', data: {}, relations: {} } as never);

    const one = await syncIntegration(db(), admin, 'full-a', { items: ['f1', 'f2', 'f3'].map((x) => repo(x)), mode: 'full' });
    expect(one).toMatchObject({ unchanged: 3, deleted: 1 });
    const left = async () =>
      (
        await testPool().query(`SELECT identifier FROM entities WHERE team_id = $1 AND blueprint_id = 'repo' ORDER BY identifier`, [
          admin.team.id,
        ])
      ).rows.map((r) => r.identifier);
    expect(await left()).toEqual(expect.arrayContaining(['b1', 'by-hand', 'f1', 'f2', 'f3']));
    expect(await left()).not.toContain('f4');

    const before = await counts(admin.team.id);
    const refused = await expectAppError(syncIntegration(db(), admin, 'full-a', { items: [repo('f1'), repo('new')], mode: 'full' }));
    expect(refused.code).toBe('conflict');
    expect(refused.details).toEqual({ reason: 'deletion_threshold', would_delete: 2, entities: 3, threshold: 0.5 });
    expect(await counts(admin.team.id)).toEqual(before); // "new" was not written either

    // An item whose mapping fails names no entity: the full sync is refused rather than deleting it.
    const unmapped = await expectAppError(
      syncIntegration(db(), admin, 'full-a', { items: [repo('f1'), repo('f2'), { kind: 'repo' }], mode: 'full' }),
    );
    expect(unmapped.details).toMatchObject({
      reason: 'incomplete_full_sync',
      failed: [{ index: 2, path: '/mappings/0/entity/identifier' }],
    });
    expect(await counts(admin.team.id)).toEqual(before);

    const forced = await syncIntegration(db(), admin, 'full-a', { items: [repo('f1')], mode: 'full', force: true });
    expect(forced).toMatchObject({ deleted: 2, unchanged: 1 });
    expect(await left()).toEqual(expect.arrayContaining(['b1', 'by-hand', 'f1']));
    const { rows } = await testPool().query(
      `SELECT count(*)::int AS n FROM audit_logs WHERE team_id = $1 AND action = 'entity.deleted' AND on_behalf_type = 'integration'`,
      [admin.team.id],
    );
    expect(rows[0].n).toBe(3);
    const history = await listIntegrationSyncs(db(), admin, 'full-a', { limit: 2, cursor: null });
    expect(history.syncs[0]).toMatchObject({ mode: 'full', counts: { deleted: 2 } });
    expect(history.syncs[1]).toMatchObject({ mode: 'full', error: expect.stringContaining('could not be mapped') });
    const page2 = await listIntegrationSyncs(db(), admin, 'full-a', { limit: 3, cursor: history.next_cursor });
    expect(page2.syncs.map((s) => s.mode)).toEqual(['full', 'full', 'delta']);
  });

  it('without mappings, reads a Backstage catalog-info.yaml as an import does; a full sync deletes what left the file', async () => {
    const team = await createTeam(db());
    const owner = await teamContextOf(team.owner, team.team.slug);
    const yaml = (names: string[]) =>
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: repos\nspec:\n  targets: []',
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []',
        'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shop\nspec:\n  owner: team-a',
        ...names.map(
          (n) =>
            `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${n}\nspec:\n  type: service\n  system: shop\n  lifecycle: production`,
        ),
      ].join('\n---\n');
    // Blueprints come from a person's first import (an integration creates none).
    await importCatalog(db(), owner, { text: yaml([]), contentType: 'application/yaml', dryRun: false });
    await createIntegration(db(), owner, body({ identifier: 'backstage', mappings: [], deletion_threshold: 0.5 }));
    const integration = await findIntegrationOrThrow(db(), owner.team.id, 'backstage');
    const push = (names: string[], query: SyncOptions) =>
      runIntegrationSync(db(), owner.team, integration, syncRequestOfBody(yaml(names), 'application/yaml', query), {
        actor: { type: 'webhook' },
        source: 'webhook',
      });
    const first = await push(['cart', 'search', 'web', 'mail'], { mode: 'full' });
    expect(first).toMatchObject({ created: 4, unchanged: 2, skipped: 1, failed: [] });
    expect((await getEntity(db(), owner, 'component', 'cart')).entity.relations).toMatchObject({ system: 'shop' });
    const dropped = await push(['cart', 'search', 'web'], { mode: 'full' });
    expect(dropped).toMatchObject({ deleted: 1, unchanged: 5 });
    const refused = await expectAppError(push(['cart'], { mode: 'full' }));
    expect(refused.details).toMatchObject({ reason: 'deletion_threshold', would_delete: 2, entities: 3 });
    const { rows } = await testPool().query(
      `SELECT identifier FROM entities WHERE team_id = $1 AND blueprint_id = 'component' ORDER BY 1`,
      [owner.team.id],
    );
    expect(rows.map((r) => r.identifier)).toEqual(['cart', 'search', 'web']);
  });

  it('a dry run answers with the changes and writes nothing', async () => {
    await createIntegration(db(), admin, body({ identifier: 'dry' }));
    await syncIntegration(db(), admin, 'dry', { items: [repo('d1'), repo('d2')] });
    const before = await counts(admin.team.id);
    const dry = await syncIntegration(db(), admin, 'dry', {
      items: [repo('d1', { stars: 9 }), repo('d3'), repo('d4', { stars: 'many' })],
      mode: 'full',
      dry_run: true,
      force: true,
    });
    expect(dry).toMatchObject({ created: 1, updated: 1, deleted: 1, unchanged: 0 });
    expect(dry.failed.map((f) => f.identifier)).toEqual(['d4']);
    expect(dry.changes).toEqual([
      { op: 'update', blueprint: 'repo', identifier: 'd1', diff: { 'properties/stars': { from: 1, to: 9 } } },
      { op: 'create', blueprint: 'repo', identifier: 'd3' },
      { op: 'delete', blueprint: 'repo', identifier: 'd2' },
    ]);
    expect(await counts(admin.team.id)).toEqual(before);
  });

  it('items_to_parse expands one item, with $item bound', async () => {
    await createIntegration(
      db(),
      admin,
      body({
        identifier: 'expand',
        mappings: [
          {
            blueprint: 'repo',
            items_to_parse: 'repos',
            entity: { identifier: '$item.name', properties: { language: 'org & "/" & $item.lang' } },
          },
        ],
      }),
    );
    const result = await syncIntegration(db(), admin, 'expand', {
      items: [
        {
          org: 'acme',
          repos: [
            { name: 'e1', lang: 'go' },
            { name: 'e2', lang: 'ts' },
          ],
        },
      ],
    });
    expect(result).toMatchObject({ created: 2, failed: [] });
    expect((await getEntity(db(), admin, 'repo', 'e2')).entity.data).toEqual({ language: 'acme/ts' });
  });

  it('a mapping that loops or builds a huge string fails its item at the limit; the others go on', async () => {
    await createIntegration(
      db(),
      admin,
      body({
        identifier: 'hostile',
        mappings: [
          {
            blueprint: 'repo',
            entity: {
              identifier: 'name',
              properties: {
                language: "name = 'loop' ? ($f := function($x){$f($x)}; $f(1)) : name = 'huge' ? $join([1..2000000].$string(), ',') : 'ok'",
              },
            },
          },
        ],
      }),
    );
    const result = await syncIntegration(db(), admin, 'hostile', { items: [{ name: 'loop' }, { name: 'huge' }, { name: 'fine' }] });
    expect(result.created).toBe(1);
    expect(result.failed).toHaveLength(2);
    expect(result.failed[0]).toMatchObject({ index: 0, identifier: 'loop', path: '/mappings/0/entity/properties/language' });
    expect(result.failed[0].message).toMatch(/nests too deeply|longer than/);
    expect(result.failed[1]).toMatchObject({ index: 1, identifier: 'huge' });
    expect(result.failed[1].message).toMatch(/longer than|characters/);
  });

  it('refuses more than 1,000 items, and syncs of a disabled integration', async () => {
    await createIntegration(db(), admin, body({ identifier: 'limits' }));
    const many = await expectAppError(syncIntegration(db(), admin, 'limits', { items: new Array(1001).fill({}) }));
    expect(many.code).toBe('payload_too_large');
    expect(many.message).toContain('maxItems');
    await updateIntegration(db(), admin, 'limits', { replace: false, patch: { enabled: false } });
    expect((await expectAppError(syncIntegration(db(), admin, 'limits', { items: [] }))).details).toEqual({ reason: 'disabled' });
    expect((await expectAppError(syncIntegration(db(), viewer, 'limits', { items: [] }))).code).toBe('forbidden');
  });
});
