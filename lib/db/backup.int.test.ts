import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/lib/demo/seed-demo';
import { createTeam } from '@/lib/test/fixtures';
import { createEmptyDatabase, testDatabaseUrl, testDb } from '@/lib/test/database-per-file';
import { countRows, restoreBackup, writeBackup, type TableCounts } from './backup';
import { migrate } from './migrate';

// Backup and restore round trip on the demo catalog: every table's rows come back, byte for byte
// as PostgreSQL prints them (JSONB, timestamptz with milliseconds, inet), into the same database
// and into a freshly migrated one; bad files are refused without touching the data.

let dir: string;
let backupFile: string;
let countsBefore: TableCounts;
let fingerprintBefore: Record<string, string>;
let entityBefore: EntityRow;
let auditBefore: AuditRow;

type EntityRow = { id: string; data: unknown; created_at: Date; updated_at: Date; created_text: string };
type AuditRow = { ip: string; created_text: string; new_data: unknown; user_agent: string };

const AUDIT_CREATED_AT = '2026-03-04T05:06:07.891Z';

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A fixed zone, so the text of a timestamptz is the same from any machine.
    await client.query("SET TIME ZONE 'UTC'");
    return await fn(client);
  } finally {
    await client.end();
  }
}

const counts = (url: string) => withClient(url, countRows);

/** md5 of every table's rows printed as text, in a stable order: equal means identical content. */
function fingerprint(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const tables = Object.keys(await countRows(client));
    const result: Record<string, string> = {};
    for (const table of tables) {
      const ident = client.escapeIdentifier(table);
      const { rows } = await client.query<{ md5: string | null }>(
        `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM ${ident} t`,
      );
      result[table] = rows[0].md5 ?? 'empty';
    }
    return result;
  });
}

function readEntity(url: string): Promise<EntityRow> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<EntityRow>(
      `SELECT e.id, e.data, e.created_at, e.updated_at, e.created_at::text AS created_text
         FROM entities e JOIN teams t ON t.id = e.team_id
        WHERE t.slug = 'acme' AND e.blueprint_id = 'service' AND e.identifier = 'checkout-api'`,
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  });
}

function readAudit(url: string): Promise<AuditRow> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<AuditRow>(
      `SELECT ip_address::text AS ip, created_at::text AS created_text, new_data, user_agent
         FROM audit_logs WHERE request_id = 'req-backup-test'`,
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  });
}

/** Rewrites a backup file: `edit` gets and returns its NDJSON lines (as parsed objects). */
async function editBackup(source: string, target: string, edit: (lines: Array<Record<string, unknown>>) => void) {
  const lines = gunzipSync(await readFile(source))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  edit(lines);
  await writeFile(target, gzipSync(lines.map((l) => JSON.stringify(l)).join('\n') + '\n'));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'baseplate-backup-'));
  backupFile = path.join(dir, 'baseplate.backup.gz');
  const seeded = await seedDemo(testDb());
  expect(seeded.seeded).toBe(true);
  const team = await testDb().team.findUniqueOrThrow({ where: { slug: 'acme' } });
  const user = await testDb().user.findFirstOrThrow();
  // An audit row with an inet, a JSONB payload and a timestamp with milliseconds.
  await withClient(testDatabaseUrl(), (client) =>
    client.query(
      `INSERT INTO audit_logs (team_id, actor_type, user_id, action, entity_type, entity_id, new_data,
                               ip_address, user_agent, request_id, created_at)
       VALUES ($1, 'user', $2, 'entity.update', 'entity', 'checkout-api', $3, '2001:db8::7', 'Mozilla/5.0 (X11; ünïcode)',
               'req-backup-test', $4)`,
      [team.id, user.id, JSON.stringify({ tier: 2, tags: ['pci', 'eu'], nested: { ok: true, n: null } }), AUDIT_CREATED_AT],
    ),
  );
  countsBefore = await counts(testDatabaseUrl());
  fingerprintBefore = await fingerprint(testDatabaseUrl());
  entityBefore = await readEntity(testDatabaseUrl());
  auditBefore = await readAudit(testDatabaseUrl());
  expect(countsBefore.entities).toBeGreaterThan(50);
  expect(countsBefore.entity_relations).toBeGreaterThan(0);
  // The seed's own history (team, three blueprints, each entity) and the row above.
  expect(countsBefore.audit_logs).toBe(1 + 3 + countsBefore.entities + 1);

  const written = await writeBackup(testDatabaseUrl(), backupFile);
  expect(written).toEqual(countsBefore);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a gzipped file whose header names the applied migrations', async () => {
    const [header] = gunzipSync(await readFile(backupFile))
      .toString('utf8')
      .split('\n');
    const parsed = JSON.parse(header) as { type: string; format: string; migrations: string[] };
    expect(parsed).toMatchObject({ type: 'header', format: 'baseplate-backup' });
    const applied = await withClient(
      testDatabaseUrl(),
      async (c) => (await c.query('SELECT name FROM schema_migrations ORDER BY name')).rows,
    );
    expect(parsed.migrations).toEqual(applied.map((r) => r.name));
  });

  it('brings the data back after it was changed', async () => {
    await withClient(testDatabaseUrl(), async (client) => {
      await client.query("DELETE FROM entities WHERE blueprint_id = 'cluster'");
      await client.query(`UPDATE entities SET data = data || '{"tier": 4}' WHERE identifier = 'checkout-api'`);
      await client.query("UPDATE audit_logs SET ip_address = '10.0.0.1'");
    });
    await createTeam(testDb());
    const changed = await counts(testDatabaseUrl());
    expect(changed).not.toEqual(countsBefore);
    expect(changed.teams).toBe(countsBefore.teams + 1);

    const restored = await restoreBackup(testDatabaseUrl(), backupFile);
    expect(restored).toEqual(countsBefore);
    expect(await counts(testDatabaseUrl())).toEqual(countsBefore);
    expect(await fingerprint(testDatabaseUrl())).toEqual(fingerprintBefore);
    // Identity columns go on after the restored ids: the next history row gets a new one.
    await withClient(testDatabaseUrl(), async (client) => {
      const { rows } = await client.query<{ restored: string; next: string }>(
        `WITH next AS (
           INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, to_rank, to_level, cause)
           SELECT team_id, scorecard_id, entity_id, entity_identifier, 0, 'Basic', 'entity_updated' FROM scorecard_level_changes LIMIT 1
           RETURNING id)
         SELECT (SELECT max(id) FROM scorecard_level_changes)::text AS restored, (SELECT id FROM next)::text AS next`,
      );
      expect(rows).toHaveLength(1);
      expect(BigInt(rows[0].next)).toBeGreaterThan(BigInt(rows[0].restored));
    });
    await restoreBackup(testDatabaseUrl(), backupFile);

    const entity = await readEntity(testDatabaseUrl());
    expect(entity).toEqual(entityBefore);
    expect(entity.created_at.getUTCMilliseconds()).toBe(entityBefore.created_at.getUTCMilliseconds());
    const audit = await readAudit(testDatabaseUrl());
    expect(audit).toEqual(auditBefore);
    expect(audit).toEqual({
      ip: '2001:db8::7/128',
      created_text: '2026-03-04 05:06:07.891+00',
      new_data: { tier: 2, tags: ['pci', 'eu'], nested: { ok: true, n: null } },
      user_agent: 'Mozilla/5.0 (X11; ünïcode)',
    });
  });

  it('leaves a working database: the restored demo user still logs in with Prisma', async () => {
    const user = await testDb().user.findFirstOrThrow({ where: { email: 'demo@baseplate.local' }, include: { memberships: true } });
    expect(user.memberships).toHaveLength(1);
    // Defaults and sequences are not involved (UUID keys), so a new row fits beside the restored ones.
    const { team } = await createTeam(testDb());
    expect(team.id).toMatch(/^[0-9a-f-]{36}$/);
    await testDb().team.delete({ where: { id: team.id } });
  });

  it('restores into a second, freshly migrated database', async () => {
    const url = await createEmptyDatabase();
    await migrate(url);
    expect(Object.values(await counts(url)).every((n) => n === 0)).toBe(true);
    const restored = await restoreBackup(url, backupFile);
    expect(restored).toEqual(countsBefore);
    expect(await counts(url)).toEqual(countsBefore);
    expect(await fingerprint(url)).toEqual(fingerprintBefore);
    expect(await readEntity(url)).toEqual(entityBefore);
    expect(await readAudit(url)).toEqual(auditBefore);
  });

  it("rebases events whose transaction ids lie ahead of this cluster's, so the reader sees them", async () => {
    const file = path.join(dir, 'events-ahead.gz');
    const team = await testDb().team.findUniqueOrThrow({ where: { slug: 'acme' } });
    await editBackup(backupFile, file, (lines) => {
      const at = lines.findIndex((l) => l.type === 'table' && l.name === 'catalog_events');
      lines[at].rows = 1;
      const event = { id: 7, team_id: team.id, tx: '999999999999', kind: 'blueprint.created', blueprint_id: 'service', changed: [] };
      lines.splice(at + 1, 0, {
        type: 'rows',
        table: 'catalog_events',
        rows: [{ ...event, title_changed: false, actor_type: 'user', at: new Date().toISOString() }],
      });
    });
    await restoreBackup(testDatabaseUrl(), file);
    const rows = await withClient(testDatabaseUrl(), async (c) => (await c.query('SELECT id::int, tx::text FROM catalog_events')).rows);
    expect(rows).toEqual([{ id: 7, tx: '0' }]);
    await restoreBackup(testDatabaseUrl(), backupFile);
  });

  describe('refusals leave the data as it was', () => {
    let current: Record<string, string>;
    beforeAll(async () => {
      current = await fingerprint(testDatabaseUrl());
    });

    it('refuses a plain text file', async () => {
      const file = path.join(dir, 'notes.txt');
      await writeFile(file, 'hello, I am not a backup\n');
      await expect(restoreBackup(testDatabaseUrl(), file)).rejects.toThrow();
      expect(await fingerprint(testDatabaseUrl())).toEqual(current);
    });

    it('fails on a missing file instead of waiting for it', async () => {
      await expect(restoreBackup(testDatabaseUrl(), path.join(dir, 'no-such-file.gz'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await fingerprint(testDatabaseUrl())).toEqual(current);
    });

    it('refuses a gzipped file of another format', async () => {
      const file = path.join(dir, 'other.gz');
      await writeFile(file, gzipSync(JSON.stringify({ type: 'header', format: 'pg_dump', version: 1, migrations: [] }) + '\n'));
      await expect(restoreBackup(testDatabaseUrl(), file)).rejects.toThrow(/is not a Baseplate backup/);
      expect(await fingerprint(testDatabaseUrl())).toEqual(current);
    });

    it('refuses an empty file', async () => {
      const file = path.join(dir, 'empty.gz');
      await writeFile(file, gzipSync(''));
      await expect(restoreBackup(testDatabaseUrl(), file)).rejects.toThrow(/is not a Baseplate backup/);
      expect(await fingerprint(testDatabaseUrl())).toEqual(current);
    });

    it('refuses a backup taken at a migration this database lacks', async () => {
      const file = path.join(dir, 'future.gz');
      await editBackup(backupFile, file, (lines) => {
        (lines[0].migrations as string[]).push('9999_from_the_future.sql');
      });
      await expect(restoreBackup(testDatabaseUrl(), file)).rejects.toThrow(/9999_from_the_future\.sql/);
      expect(await fingerprint(testDatabaseUrl())).toEqual(current);
    });

    it('rolls back whole when a row fails half way through', async () => {
      // The last entity_relations row points at an entity that is not in the backup: the insert
      // fails after the tables were emptied and earlier tables refilled.
      const file = path.join(dir, 'broken.gz');
      await editBackup(backupFile, file, (lines) => {
        const batch = lines.filter((l) => l.type === 'rows' && l.table === 'entity_relations').at(-1)!;
        const rows = batch.rows as Array<Record<string, unknown>>;
        rows[rows.length - 1].target_entity_id = '00000000-0000-4000-8000-000000000000';
      });
      await expect(restoreBackup(testDatabaseUrl(), file)).rejects.toMatchObject({ code: '23503' });
      expect(await fingerprint(testDatabaseUrl())).toEqual(current);
    });
  });
});
