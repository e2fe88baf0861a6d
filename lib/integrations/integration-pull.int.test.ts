import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { createBlueprint } from '@/lib/blueprints/blueprint-service';
import { validateBody } from '@/lib/http/request-body';
import { EMPTY_ALLOWLIST, parseOutboundAllowlist } from '@/lib/net/outbound-allowlist';
import { startReceiver } from '@/lib/runs/runs.test-support';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createTeam, expectAppError, teamContextOf } from '@/lib/test/fixtures';
import { jobsOf, startTestJobQueue, stopTestJobQueues, waitFor } from '@/lib/test/job-queue';
import { createIntegrationBody, type IntegrationInput } from './integration-schemas';
import { createIntegration, getIntegration, updateIntegration } from './integration-service';
import { createIntegrationPullJob, INTEGRATION_PULL_JOB } from './integration-pull-job';
import { listIntegrationSyncs } from './list-integration-syncs';
import { findIntegrationOrThrow } from './load-integration';
import { pullIntegration } from './pull-integration';
import { duePullsSql } from './pulls.sql';
import { openPullHeaders } from './pull-settings';

// http-pull integrations against the real database and a loopback HTTP server let through the
// outbound allowlist: settings checked when saved (the URL through the outbound guard, header
// values sealed and never answered), pulls that create entities through the mappings and write
// nothing when nothing changed, failures (refused address, redirect to a private one, a body too
// large, a full sync past its threshold) recorded as syncs, the 404 of another team's integration,
// and the schedule: the sweep enqueues only due pulls, once, and a due pull runs once.

const db = () => testDb();
const LOOPBACK = parseOutboundAllowlist('127.0.0.1/32');
const LOCAL = { allowlist: LOOPBACK };

let admin: TeamContext;
let other: TeamContext;

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await stopTestJobQueues();
  for (const close of closers.splice(0)) await close();
});

beforeAll(async () => {
  const { team, owner } = await createTeam(db());
  admin = await teamContextOf(owner, team.slug);
  const second = await createTeam(db());
  other = await teamContextOf(second.owner, second.team.slug);
  for (const c of [admin, other]) {
    await createBlueprint(db(), c, {
      id: 'repo',
      title: 'Repository',
      schema: { type: 'object', properties: { language: { type: 'string' }, stars: { type: 'integer', minimum: 0 } } },
    });
  }
});

type Served = { status?: number; body: string; type?: string; headers?: Record<string, string> };

/** A loopback server answering each path from `routes` (a function: the body may change between pulls). */
async function source(routes: (path: string) => Served) {
  const r = await startReceiver((req) => {
    const served = routes(req.url);
    return {
      status: served.status ?? 200,
      body: served.body,
      headers: { 'content-type': served.type ?? 'application/json', ...served.headers },
    };
  });
  closers.push(r.close);
  return r;
}

let n = 0;
const MAPPING = { blueprint: 'repo', entity: { identifier: 'name', title: 'name', properties: { language: 'lang', stars: 'stars' } } };
const pullBody = (url: string, settings: Record<string, unknown> = {}, over: Partial<IntegrationInput> = {}) =>
  validateBody(createIntegrationBody, {
    identifier: `pull${++n}`,
    title: 'Pulled',
    kind: 'http-pull',
    settings: { url, ...settings },
    mappings: [MAPPING],
    ...over,
  });
const repos = (count: number, lang = 'go') => JSON.stringify(Array.from({ length: count }, (_, i) => ({ name: `r${i}`, lang, stars: i })));
const me = (ctx: TeamContext) => ({ type: 'user', id: (ctx.actor as { userId: string }).userId });

async function counts(teamId: string) {
  const { rows } = await testPool().query(
    `SELECT (SELECT count(*) FROM entities WHERE team_id = $1)::int AS entities,
            (SELECT count(*) FROM audit_logs WHERE team_id = $1)::int AS audit_logs,
            (SELECT coalesce(sum(version), 0) FROM entities WHERE team_id = $1)::int AS versions`,
    [teamId],
  );
  return rows[0] as Record<string, number>;
}

describe('http-pull settings', () => {
  it('are checked when saved: 422 naming each field; a loopback URL needs the allowlist', async () => {
    const bad = await expectAppError(
      createIntegration(db(), admin, pullBody('ftp://example.com/x', { interval_minutes: 2, mode: 'sometimes', extra: 1 }), LOCAL),
    );
    expect(bad.code).toBe('validation_failed');
    expect((bad.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual([
      '/settings/extra',
      '/settings/interval_minutes',
      '/settings/mode',
      '/settings/url',
    ]);
    const missing = await expectAppError(createIntegration(db(), admin, { ...pullBody('x'), settings: {} }, LOCAL));
    expect(missing.details).toEqual([expect.objectContaining({ path: '/settings/url' })]);
    const loopback = await expectAppError(
      createIntegration(db(), admin, pullBody('http://127.0.0.1:9/items.json'), { allowlist: EMPTY_ALLOWLIST }),
    );
    expect(loopback.details).toEqual([{ path: '/settings/url', message: expect.stringContaining('BASEPLATE_OUTBOUND_ALLOW') }]);
    // An odd spelling of 127.0.0.1 is the same address.
    const spelled = await expectAppError(createIntegration(db(), admin, pullBody('http://2130706433/x'), { allowlist: EMPTY_ALLOWLIST }));
    expect(spelled.code).toBe('validation_failed');
    const headers = await expectAppError(
      createIntegration(
        db(),
        admin,
        pullBody('http://127.0.0.1:9/x', {
          headers: { 'X-Bad': 'a\r\nInjected: 1', 'Bad Name': 'x', Host: 'evil', 'x-dup': '1', 'X-DUP': '2' },
        }),
        LOCAL,
      ),
    );
    expect((headers.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual([
      '/settings/headers/Bad Name',
      '/settings/headers/Host',
      '/settings/headers/X-Bad',
      '/settings/headers/X-DUP',
    ]);
    // A header named __proto__ is a name like any other.
    const proto = await createIntegration(
      db(),
      admin,
      pullBody('http://127.0.0.1:9/x', { headers: JSON.parse('{"__proto__": "v"}') }),
      LOCAL,
    );
    expect(Object.keys(proto.integration.settings.headers as object)).toEqual(['__proto__']);
    const ok = await createIntegration(db(), admin, pullBody('http://127.0.0.1:9/items.json'), LOCAL);
    expect(ok.integration.settings).toEqual({ url: 'http://127.0.0.1:9/items.json', interval_minutes: 60, mode: 'delta', headers: {} });
    expect(ok.integration.next_pull_at).not.toBeNull();
    // Other kinds keep their settings as given.
    const hook = await createIntegration(db(), admin, { ...pullBody('x', {}, { kind: 'webhook' }), settings: { anything: [1] } });
    expect(hook.integration.settings).toEqual({ anything: [1] });
    expect(hook.integration.next_pull_at).toBeNull();
  });

  it('seal header values: never answered or audited; null keeps one; a new origin needs it again', async () => {
    const token = 'Bearer s3cr3t-pull-token';
    const created = await createIntegration(
      db(),
      admin,
      pullBody('http://127.0.0.1:9/a.json', { headers: { Authorization: token, 'X-Team': 'platform' } }),
      LOCAL,
    );
    const id = created.integration.identifier;
    expect(created.integration.settings.headers).toEqual({ Authorization: null, 'X-Team': null });
    const { row } = await findIntegrationOrThrow(db(), admin.team.id, id);
    expect(JSON.stringify(row.settings)).not.toContain('s3cr3t');
    expect(row.pullHeaders).toMatch(/^v1:/);
    expect(openPullHeaders(row.id, row.pullHeaders).get('Authorization')).toBe(token);
    // A merge patch leaves them; null in the patch removes one.
    await updateIntegration(
      db(),
      admin,
      id,
      { replace: false, patch: { settings: { interval_minutes: 15, headers: { 'X-Team': null } } } },
      LOCAL,
    );
    const after = await findIntegrationOrThrow(db(), admin.team.id, id);
    expect(after.row.settings).toMatchObject({ interval_minutes: 15, headers: { Authorization: null } });
    expect([...openPullHeaders(after.row.id, after.row.pullHeaders)]).toEqual([['Authorization', token]]);
    // A change that does not touch the pull (the title) keeps its schedule; a new interval makes it due now.
    const scheduled = new Date(Date.now() + 3_600_000);
    await db().integration.update({ where: { teamId_id: { teamId: admin.team.id, id: row.id } }, data: { nextPullAt: scheduled } });
    await updateIntegration(db(), admin, id, { replace: false, patch: { title: 'Renamed' } }, LOCAL);
    expect((await findIntegrationOrThrow(db(), admin.team.id, id)).row.nextPullAt).toEqual(scheduled);
    await updateIntegration(db(), admin, id, { replace: false, patch: { settings: { interval_minutes: 30 } } }, LOCAL);
    expect((await findIntegrationOrThrow(db(), admin.team.id, id)).row.nextPullAt!.getTime()).toBeLessThanOrEqual(Date.now());
    await updateIntegration(db(), admin, id, { replace: false, patch: { enabled: false } }, LOCAL);
    expect((await findIntegrationOrThrow(db(), admin.team.id, id)).row.nextPullAt).toBeNull();
    await updateIntegration(db(), admin, id, { replace: false, patch: { enabled: true } }, LOCAL);
    expect((await findIntegrationOrThrow(db(), admin.team.id, id)).row.nextPullAt).not.toBeNull();
    // Kept for another origin: refused, naming the header; given again: accepted.
    const moved = await expectAppError(
      updateIntegration(db(), admin, id, { replace: false, patch: { settings: { url: 'http://127.0.0.1:10/a.json' } } }, LOCAL),
    );
    expect(moved.details).toEqual([{ path: '/settings/headers/Authorization', message: expect.stringContaining('origin changed') }]);
    const given = { settings: { url: 'http://127.0.0.1:10/a.json', headers: { Authorization: 'Bearer new' } } };
    await updateIntegration(db(), admin, id, { replace: false, patch: given }, LOCAL);
    const moved2 = await findIntegrationOrThrow(db(), admin.team.id, id);
    expect(openPullHeaders(moved2.row.id, moved2.row.pullHeaders).get('Authorization')).toBe('Bearer new');
    const unknown = await expectAppError(
      updateIntegration(
        db(),
        admin,
        id,
        {
          replace: true,
          input: pullBody('http://127.0.0.1:10/a.json', { headers: { Authorization: null, 'X-New': null } }, { identifier: id }),
        },
        LOCAL,
      ),
    );
    expect(unknown.details).toEqual([{ path: '/settings/headers/X-New', message: expect.stringContaining('no value is stored') }]);
    const { rows } = await testPool().query(
      `SELECT coalesce(old_data::text, '') || coalesce(new_data::text, '') AS data FROM audit_logs WHERE team_id = $1`,
      [admin.team.id],
    );
    for (const r of rows) expect(r.data).not.toContain('s3cr3t');
    expect(JSON.stringify((await getIntegration(db(), admin, id)).integration)).not.toContain('s3cr3t');
  });
});

describe('a pull', () => {
  it('creates entities through the mappings (with its headers); an unchanged second pull writes nothing', async () => {
    let lang = 'go';
    const r = await source(() => ({ body: repos(3, lang) }));
    const created = await createIntegration(db(), admin, pullBody(`${r.url}/repos`, { headers: { Authorization: 'Bearer t0k' } }), LOCAL);
    const id = created.integration.identifier;
    const first = await pullIntegration(db(), admin, id, LOCAL);
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, failed: [] });
    expect(r.received[0]).toMatchObject({ method: 'GET', url: '/repos' });
    expect(r.received[0].headers.authorization).toBe('Bearer t0k');
    const entity = await db().entity.findFirstOrThrow({ where: { teamId: admin.team.id, blueprintId: 'repo', identifier: 'r2' } });
    expect(entity.data).toEqual({ language: 'go', stars: 2 });
    expect(entity.integrationId).toBe((await findIntegrationOrThrow(db(), admin.team.id, id)).row.id);

    // A pull someone asked for is the last pull: the schedule waits an interval (60 minutes) from it.
    const next = (await findIntegrationOrThrow(db(), admin.team.id, id)).row.nextPullAt!;
    expect(next.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);

    const before = await counts(admin.team.id);
    const second = await pullIntegration(db(), admin, id, LOCAL);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await counts(admin.team.id)).toEqual(before);

    // A dry run reports the change and writes nothing; the real pull then applies it.
    lang = 'rust';
    const dry = await pullIntegration(db(), admin, id, { ...LOCAL, dryRun: true });
    expect(dry).toMatchObject({
      updated: 3,
      changes: expect.arrayContaining([expect.objectContaining({ op: 'update', identifier: 'r0' })]),
    });
    expect(await counts(admin.team.id)).toEqual(before);
    expect(await pullIntegration(db(), admin, id, LOCAL)).toMatchObject({ updated: 3 });

    const syncs = (await listIntegrationSyncs(db(), admin, id, { limit: 10, cursor: null })).syncs;
    expect(syncs.map((s) => [s.source, s.dry_run])).toEqual([
      ['pull', false],
      ['pull', true],
      ['pull', false],
      ['pull', false],
    ]);
    expect(syncs[0].actor).toEqual(me(admin));
  });

  it('reads YAML served as text/plain by the URL extension, and CSV rows by their header', async () => {
    const r = await source((path) =>
      path === '/catalog.yaml'
        ? { type: 'text/plain; charset=utf-8', body: '- name: y1\n  lang: go\n  stars: 1\n---\n- name: y2\n  lang: c\n  stars: 2\n' }
        : path === '/raw'
          ? { type: 'text/plain', body: 'name: guessed\nlang: yaml\nstars: 5\n' }
          : { type: 'text/csv', body: 'name,lang\r\nc1,go\r\nc2,\r\n' },
    );
    const yaml = await createIntegration(db(), admin, pullBody(`${r.url}/catalog.yaml`), LOCAL);
    expect(await pullIntegration(db(), admin, yaml.integration.identifier, LOCAL)).toMatchObject({ created: 2, failed: [] });
    const guessed = await createIntegration(db(), admin, pullBody(`${r.url}/raw`), LOCAL);
    expect(await pullIntegration(db(), admin, guessed.integration.identifier, LOCAL)).toMatchObject({ created: 1, failed: [] });
    const csvMapping = { blueprint: 'repo', entity: { identifier: 'name', properties: { language: 'lang' } } };
    const csv = await createIntegration(db(), admin, pullBody(`${r.url}/list.csv`, {}, { mappings: [csvMapping] }), LOCAL);
    expect(await pullIntegration(db(), admin, csv.integration.identifier, LOCAL)).toMatchObject({ created: 2, failed: [] });
    const c2 = await db().entity.findFirstOrThrow({ where: { teamId: admin.team.id, identifier: 'c2' } });
    expect(c2.data).toEqual({}); // an empty cell is left out
  });

  it('in full mode refuses to delete too much, recorded on the sync and the integration, until forced', async () => {
    let count = 10;
    const r = await source(() => ({ body: repos(count).replaceAll('"r', '"full-') }));
    const created = await createIntegration(db(), admin, pullBody(`${r.url}/all`, { mode: 'full' }), LOCAL);
    const id = created.integration.identifier;
    expect(await pullIntegration(db(), admin, id, LOCAL)).toMatchObject({ created: 10 });
    count = 5;
    const refused = await expectAppError(pullIntegration(db(), admin, id, LOCAL));
    expect(refused.code).toBe('conflict');
    expect(refused.details).toMatchObject({ reason: 'deletion_threshold' });
    const [latest] = (await listIntegrationSyncs(db(), admin, id, { limit: 1, cursor: null })).syncs;
    expect(latest).toMatchObject({ source: 'pull', mode: 'full', error: expect.stringContaining('') });
    expect(latest.error).not.toBeNull();
    expect((await getIntegration(db(), admin, id)).integration.last_sync?.error).toBe(latest.error);
    expect(await db().entity.count({ where: { teamId: admin.team.id, identifier: { startsWith: 'full-' } } })).toBe(10);
    expect(await pullIntegration(db(), admin, id, { ...LOCAL, force: true })).toMatchObject({ deleted: 5 });
  });

  it('is refused at fetch for a private address (and a redirect to one), and a body past 1 MiB: each recorded', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    const r = await source((path) =>
      path === '/moved'
        ? { status: 302, body: '', headers: { location: 'http://10.0.0.7/admin' } }
        : path === '/big'
          ? { body: big }
          : { body: '[]' },
    );
    const plain = await createIntegration(db(), admin, pullBody(`${r.url}/ok`), LOCAL);
    const refused = await expectAppError(pullIntegration(db(), admin, plain.integration.identifier, { allowlist: EMPTY_ALLOWLIST }));
    expect(refused.details).toMatchObject({ reason: 'pull_failed', cause: 'private_address' });
    expect(r.received).toHaveLength(0);

    const moved = await createIntegration(db(), admin, pullBody(`${r.url}/moved`), LOCAL);
    const redirect = await expectAppError(pullIntegration(db(), admin, moved.integration.identifier, LOCAL));
    expect(redirect.details).toMatchObject({ reason: 'pull_failed', cause: 'private_address' });
    expect(redirect.message).toContain('redirect 1 to http://10.0.0.7');

    const large = await createIntegration(db(), admin, pullBody(`${r.url}/big`), LOCAL);
    const tooLarge = await expectAppError(pullIntegration(db(), admin, large.integration.identifier, LOCAL));
    expect(tooLarge.details).toMatchObject({ reason: 'pull_failed', cause: 'too_large' });

    for (const [integration, error] of [
      [plain, refused],
      [moved, redirect],
      [large, tooLarge],
    ] as const) {
      const id = integration.integration.identifier;
      const [sync] = (await listIntegrationSyncs(db(), admin, id, { limit: 5, cursor: null })).syncs;
      expect(sync).toMatchObject({ source: 'pull', error: error.message, actor: me(admin) });
      expect(sync.id).toBe((error.details as { sync_id: string }).sync_id);
      expect((await getIntegration(db(), admin, id)).integration.last_sync?.error).toBe(error.message);
    }
  });

  it("answers 404 for another team's integration and 409 for another kind", async () => {
    const mine = await createIntegration(db(), admin, pullBody('http://127.0.0.1:9/x.json'), LOCAL);
    expect((await expectAppError(pullIntegration(db(), other, mine.integration.identifier, LOCAL))).code).toBe('not_found');
    const hook = await createIntegration(db(), admin, pullBody('x', {}, { kind: 'webhook', settings: {} }));
    const notPull = await expectAppError(pullIntegration(db(), admin, hook.integration.identifier, LOCAL));
    expect(notPull.details).toMatchObject({ reason: 'not_pullable' });
  });
});

describe('the schedule', () => {
  const dueOf = async (teamId: string, identifier: string) => (await findIntegrationOrThrow(db(), teamId, identifier)).row.nextPullAt;

  it('the sweep enqueues only due, enabled pulls, once; the job pulls each due time once', async () => {
    const { team, owner } = await createTeam(db());
    const ctx = await teamContextOf(owner, team.slug);
    await createBlueprint(db(), ctx, {
      id: 'repo',
      title: 'Repository',
      schema: { type: 'object', properties: { language: {}, stars: {} } },
    });
    const r = await source(() => ({ body: repos(2) }));
    const due = await createIntegration(db(), ctx, pullBody(`${r.url}/due`, { interval_minutes: 5 }), LOCAL);
    const later = await createIntegration(db(), ctx, pullBody(`${r.url}/later`), LOCAL);
    const off = await createIntegration(db(), ctx, pullBody(`${r.url}/off`, {}, { enabled: false }), LOCAL);
    expect(off.integration.next_pull_at).toBeNull();
    await testPool().query(`UPDATE integrations SET next_pull_at = now() + interval '1 hour' WHERE team_id = $1 AND identifier = $2`, [
      team.id,
      later.integration.identifier,
    ]);
    const dueId = (await findIntegrationOrThrow(db(), team.id, due.integration.identifier)).row.id;
    const job = createIntegrationPullJob({ allowlist: LOOPBACK });
    await startTestJobQueue([job], { work: false }); // enqueue only: the test runs the job itself
    await job.sweep!();
    await job.sweep!();
    const mine = (await jobsOf(INTEGRATION_PULL_JOB)).filter((j) => (j.data as { teamId: string }).teamId === team.id);
    expect(mine).toHaveLength(1);
    const data = mine[0].data as { teamId: string; integrationId: string; due: string };
    expect(data).toMatchObject({ teamId: team.id, integrationId: dueId });
    expect(mine[0].singletonKey).toBe(`${dueId}:${data.due}`);

    // Run twice (two instances, or a retry): one pull, and the next one interval on.
    const dueAt = (await dueOf(team.id, due.integration.identifier))!;
    await Promise.all([job.run(data), job.run(data)]);
    expect(r.received.map((q) => q.url)).toEqual(['/due']);
    const next = (await dueOf(team.id, due.integration.identifier))!;
    expect(next.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(next.getTime()).toBeGreaterThan(dueAt.getTime());
    const [sync] = (await listIntegrationSyncs(db(), ctx, due.integration.identifier, { limit: 5, cursor: null })).syncs;
    expect(sync).toMatchObject({ source: 'pull', actor: { type: 'schedule' }, counts: expect.objectContaining({ created: 2 }) });
    // Not due any more: the sweep leaves it.
    await job.sweep!();
    expect((await jobsOf(INTEGRATION_PULL_JOB)).filter((j) => (j.data as { teamId: string }).teamId === team.id)).toHaveLength(1);
  });

  it("the sweep's statement is a range of the partial index idx_integrations_next_pull", async () => {
    const client = await testPool().connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off'); // the test's table is tiny: ask what the index can do
      const sql = duePullsSql(500);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.text}`, sql.values as unknown[]);
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan, plan).toContain('idx_integrations_next_pull');
      expect(plan, plan).toMatch(/Index Cond: \(next_pull_at <= now\(\)\)/);
      expect(plan, plan).not.toContain('Seq Scan');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('a due pull runs on the real queue: its sweep at start, its worker, its sync row', async () => {
    const { team, owner } = await createTeam(db());
    const ctx = await teamContextOf(owner, team.slug);
    await createBlueprint(db(), ctx, { id: 'repo', title: 'Repository', schema: { type: 'object', properties: {} } });
    const r = await source(() => ({ body: JSON.stringify([{ name: 'queued' }]) }));
    const due = await createIntegration(
      db(),
      ctx,
      pullBody(`${r.url}/q`, {}, { mappings: [{ blueprint: 'repo', entity: { identifier: 'name' } }] }),
      LOCAL,
    );
    // Only this team's pull is due: the other tests' integrations point at closed servers.
    await testPool().query(`UPDATE integrations SET next_pull_at = NULL WHERE team_id <> $1`, [team.id]);
    await startTestJobQueue([createIntegrationPullJob({ allowlist: LOOPBACK })]);
    const entity = await waitFor(
      () =>
        db()
          .entity.findFirst({ where: { teamId: team.id, identifier: 'queued' } })
          .then((e) => e ?? undefined),
      'the pulled entity',
    );
    expect(entity.blueprintId).toBe('repo');
    expect((await getIntegration(db(), ctx, due.integration.identifier)).integration.last_sync?.counts).toMatchObject({ created: 1 });
  });
});
