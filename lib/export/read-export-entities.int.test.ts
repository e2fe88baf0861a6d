import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { createEntity } from '@/lib/entities/create-entity';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { exportCatalog } from './export-catalog';
import { exportBatchSql } from './export-entities.sql';
import { parseExportParams } from './parse-export-params';
import { readExportBatches } from './read-export-entities';

// The streaming reader against PostgreSQL: batches of the asked size by keyset in code-point
// order, every entity once, the team's own only (a second team holds the same blueprint ids and
// identifiers that interleave with the first's), and the plan of a deep batch on the keyset
// B-tree. Then the service as the route calls it: formats, filters, 404 and 400.

const SCHEMA = { type: 'object', properties: { tier: { type: 'integer' }, name: { type: 'string' } } };
const ROWS = 12_000;

let ctx: TeamContext;
let other: TeamContext;

async function makeTeamWithCatalog(label: string): Promise<TeamContext> {
  const { team, owner } = await createTeam(testDb());
  const c = await teamContextOf(owner, team.slug);
  await createBlueprint(testDb(), c, {
    id: 'cluster',
    title: 'Cluster',
    schema: { type: 'object', properties: { region: { type: 'string' } } },
  });
  await createBlueprint(testDb(), c, {
    id: 'service',
    title: 'Service',
    schema: SCHEMA,
    relations: { runs_on: { target: 'cluster', type: 'many-to-one' }, depends_on: { target: 'service' } },
  });
  // Identifiers whose code-point order differs from a natural-language collation: upper case
  // before lower, `-` before digits before `_`.
  await testPool().query(
    `INSERT INTO entities (team_id, blueprint_id, identifier, title, data)
     SELECT $1, 'service', (ARRAY['svc-', 'Svc_', 'svc_', 'A-'])[i % 4 + 1] || lpad(i::text, 6, '0'), $2 || ' ' || i,
            jsonb_build_object('tier', i % 3, 'name', 'n' || i)
       FROM generate_series(1, ${ROWS}) AS i`,
    [team.id, label],
  );
  return c;
}

beforeAll(async () => {
  ctx = await makeTeamWithCatalog('Mine');
  other = await makeTeamWithCatalog('Theirs');
  await createEntity(testDb(), ctx, 'cluster', { identifier: 'eu-1', title: 'EU', data: { region: 'eu' } });
  await createEntity(testDb(), ctx, 'cluster', { identifier: 'us-1', title: 'US', data: { region: 'us' } });
  await createEntity(testDb(), ctx, 'service', {
    identifier: 'zz-linked',
    title: 'Mine linked',
    data: { tier: 1 },
    relations: { runs_on: 'eu-1', depends_on: ['svc-000004', 'A-000003'] },
  });
  await testPool().query('VACUUM ANALYZE entities');
});

const everything = async (c: TeamContext, batchSize: number, blueprints = ['cluster', 'service']) => {
  const batches = [];
  for await (const batch of readExportBatches(
    testDb(),
    c,
    blueprints.map((b) => ({ blueprintId: b, where: Prisma.sql`TRUE` })),
    batchSize,
  ))
    batches.push(batch);
  return batches;
};

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('readExportBatches', () => {
  it('reads every entity once, in batches of the asked size, in (blueprint, identifier) code-point order', async () => {
    const batches = await everything(ctx, 1000);
    // cluster: 2 rows (one short batch); service: 12,001 rows = 12 full batches and 1.
    expect(batches.map((b) => b.length)).toEqual([2, ...Array(12).fill(1000), 1]);
    const keys = batches.flat().map((r) => `${r.blueprint}\u0000${r.identifier}`);
    expect(new Set(keys).size).toBe(ROWS + 3);
    expect(keys).toEqual([...keys].sort(byCodePoint));
    expect(batches.flat()[2].identifier).toBe('A-000003'); // upper case first, as code points say
  });

  it("never returns another team's entities (same blueprint ids, interleaving identifiers)", async () => {
    const mine = (await everything(ctx, 1000)).flat();
    expect(mine.every((r) => r.title === null || !r.title.startsWith('Theirs'))).toBe(true);
    const theirs = (await everything(other, 5000)).flat();
    expect(theirs).toHaveLength(ROWS);
    expect(theirs.every((r) => r.title?.startsWith('Theirs'))).toBe(true);
  });

  it('reads links with each batch, one identifier or a sorted list by relation type', async () => {
    const linked = (await everything(ctx, 1000)).flat().find((r) => r.identifier === 'zz-linked')!;
    expect(linked.relations).toEqual({ depends_on: ['A-000003', 'svc-000004'], runs_on: 'eu-1' });
    expect(linked.properties).toEqual({ tier: 1 });
  });

  it('stops when the consumer stops: nothing past the batch asked for is read', async () => {
    const reader = readExportBatches(testDb(), ctx, [{ blueprintId: 'service', where: Prisma.sql`TRUE` }], 100);
    const first = await reader.next();
    expect(first.done).toBe(false);
    await reader.return(undefined);
    expect((await reader.next()).done).toBe(true);
  });
});

describe('the batch statement', () => {
  it('walks the keyset B-tree idx_entities_list_identifier at depth, never sorting the blueprint', async () => {
    const sql = exportBatchSql(ctx.team.id, 'service', Prisma.sql`TRUE`, 'svc-009000', 1000);
    const { rows } = await testPool().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values as unknown[]);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('idx_entities_list_identifier');
    expect(plan).not.toMatch(/\bSort\b/);
    expect(plan).not.toContain('Seq Scan');
    expect(plan).toMatch(/Index Cond: .*team_id/);
  });
});

describe('exportCatalog', () => {
  const run = async (c: TeamContext, params: string) => {
    const prepared = await exportCatalog(testDb(), c, parseExportParams(new URL(`http://localhost/?${params}`)));
    return { ...prepared, text: await new Response(prepared.body).text() };
  };

  it('writes one JSON document with the blueprints first, byte-identical on a second run', async () => {
    const first = await run(ctx, 'format=json&include=blueprints');
    const doc = JSON.parse(first.text) as { blueprints: Array<{ id: string }>; entities: Array<{ blueprint: string; identifier: string }> };
    expect(doc.blueprints.map((b) => b.id)).toEqual(['cluster', 'service']);
    expect(doc.entities).toHaveLength(ROWS + 3);
    expect(doc.entities[0]).toEqual({ blueprint: 'cluster', identifier: 'eu-1', title: 'EU', properties: { region: 'eu' }, relations: {} });
    expect((await run(ctx, 'format=json&include=blueprints')).text).toBe(first.text);
    expect(first.filename).toBe(`${ctx.team.slug}-catalog.json`);
  });

  it('applies the table query of one blueprint, typed by its schema', async () => {
    const query = encodeURIComponent(JSON.stringify({ rules: [{ property: 'tier', operator: '=', value: 2 }] }));
    const { text } = await run(ctx, `format=ndjson&blueprint=service&query=${query}&q=Svc_`);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; identifier: string; properties: { tier: number } });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.kind === 'entity' && l.properties.tier === 2 && l.identifier.toLowerCase().startsWith('svc_'))).toBe(true);
    const expected = Array.from({ length: ROWS }, (_, i) => i + 1).filter((i) => i % 3 === 2 && (i % 4 === 1 || i % 4 === 2)).length;
    expect(lines).toHaveLength(expected);
  });

  it("answers 404 for another team's blueprint and 400 for a query the schema refuses, before any byte", async () => {
    const { team } = await createTeam(testDb());
    await testPool().query(`INSERT INTO blueprints (team_id, id, title) VALUES ($1, 'lonely', 'Lonely')`, [team.id]);
    expect((await expectAppError(run(ctx, 'blueprint=lonely'))).code).toBe('not_found');
    const bad = encodeURIComponent(JSON.stringify({ rules: [{ property: 'nope', operator: '=', value: 1 }] }));
    const error = await expectAppError(run(ctx, `blueprint=service&query=${bad}`));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('bad_request');
    expect((await expectAppError(run(ctx, 'format=csv&blueprint=service&columns=$identifier,nope'))).code).toBe('bad_request');
  });

  it('writes CSV with the default columns of a blueprint: identifier, title, schema properties in order', async () => {
    const { text, contentType } = await run(ctx, 'format=csv&blueprint=cluster');
    expect(contentType).toMatch(/^text\/csv/);
    expect(text).toBe('identifier,title,region\r\neu-1,EU,eu\r\nus-1,US,us\r\n');
  });
});
