import { beforeAll, describe, expect, it } from 'vitest';
import { createBlueprint, createTeam, createUser } from '@/lib/test/fixtures';
import { testDb, testPool } from '@/lib/test/database-per-file';

// Tenant isolation enforced by the schema itself (migrations-sql/0002..0005): every team-owned
// table has the key (team_id, id) and every foreign key to a team-owned row includes team_id, so a
// row can never point at another team's row whatever the application code does. Raw SQL on
// purpose: this is about the database, not about the services' WHERE clauses.

const FK_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

type Team = { id: string; adminRoleId: string; viewerRoleId: string; ownerId: string };

async function sql<T extends Record<string, unknown> = Record<string, unknown>>(text: string, values: unknown[] = []) {
  return (await testPool().query<T>(text, values)).rows;
}

async function one<T extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T> {
  const rows = await sql<T>(text, values);
  expect(rows).toHaveLength(1);
  return rows[0];
}

async function makeTeam(): Promise<Team> {
  const { team, owner } = await createTeam(testDb());
  const roles = await sql<{ id: string; name: string }>('SELECT id, name FROM roles WHERE team_id = $1', [team.id]);
  const role = (name: string) => roles.find((r) => r.name === name)!.id;
  return { id: team.id, adminRoleId: role('admin'), viewerRoleId: role('viewer'), ownerId: owner.id };
}

async function insertEntity(teamId: string, blueprintId: string, identifier: string): Promise<string> {
  const row = await one<{ id: string }>('INSERT INTO entities (team_id, blueprint_id, identifier) VALUES ($1, $2, $3) RETURNING id', [
    teamId,
    blueprintId,
    identifier,
  ]);
  return row.id;
}

async function insertBlueprintRelation(teamId: string, source: string, target: string, identifier: string) {
  const row = await one<{ id: string }>(
    `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [teamId, source, target, identifier],
  );
  return row.id;
}

describe('tenant isolation in the schema', () => {
  let a: Team;
  let b: Team;

  beforeAll(async () => {
    a = await makeTeam();
    b = await makeTeam();
    // `service` in both teams; `cluster` only in team B, so team A has nothing of that name to
    // fall back on and a reference from A can only mean B's row.
    await createBlueprint(testDb(), a.id, 'service');
    await createBlueprint(testDb(), b.id, 'service');
    await createBlueprint(testDb(), b.id, 'cluster');
  });

  it('lets two teams have a blueprint with the same id, but not one team twice', async () => {
    const rows = await sql<{ team_id: string }>(
      "SELECT team_id FROM blueprints WHERE id = 'service' AND team_id = ANY($1::uuid[]) ORDER BY team_id",
      [[a.id, b.id]],
    );
    expect(rows.map((r) => r.team_id)).toEqual([a.id, b.id].sort());
    await expect(sql("INSERT INTO blueprints (team_id, id, title) VALUES ($1, 'service', 'Again')", [a.id])).rejects.toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint: 'blueprints_pkey',
    });
  });

  it("refuses an entity in team A that references team B's blueprint", async () => {
    await expect(insertEntity(a.id, 'cluster', 'web-1')).rejects.toMatchObject({
      code: FK_VIOLATION,
      constraint: 'entities_team_id_blueprint_id_fkey',
    });
    // The same insert against A's own blueprint goes through: the refusal above is about the team.
    expect(await insertEntity(a.id, 'service', 'web-1')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a blueprint relation in team A whose target is team B's blueprint", async () => {
    await expect(insertBlueprintRelation(a.id, 'service', 'cluster', 'runs_on')).rejects.toMatchObject({
      code: FK_VIOLATION,
      constraint: 'blueprint_relations_team_id_target_blueprint_id_fkey',
    });
  });

  describe('entity relations', () => {
    let relA: string;
    let relB: string;
    let a1: string;
    let a2: string;
    let b1: string;
    let b2: string;

    beforeAll(async () => {
      relA = await insertBlueprintRelation(a.id, 'service', 'service', 'depends_on');
      relB = await insertBlueprintRelation(b.id, 'service', 'service', 'depends_on');
      a1 = await insertEntity(a.id, 'service', 'rel-a1');
      a2 = await insertEntity(a.id, 'service', 'rel-a2');
      b1 = await insertEntity(b.id, 'service', 'rel-b1');
      b2 = await insertEntity(b.id, 'service', 'rel-b2');
    });

    const link = (teamId: string, relationId: string, source: string, target: string) =>
      sql(
        `INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id)
         VALUES ($1, $2, $3, $4)`,
        [teamId, relationId, source, target],
      );

    it("cannot target another team's entity", async () => {
      await expect(link(a.id, relA, a1, b1)).rejects.toMatchObject({
        code: FK_VIOLATION,
        constraint: 'entity_relations_team_id_target_entity_id_fkey',
      });
    });

    it("cannot start from another team's entity", async () => {
      await expect(link(a.id, relA, b1, a2)).rejects.toMatchObject({
        code: FK_VIOLATION,
        constraint: 'entity_relations_team_id_source_entity_id_fkey',
      });
    });

    it("cannot use another team's relation definition", async () => {
      await expect(link(b.id, relA, b1, b2)).rejects.toMatchObject({
        code: FK_VIOLATION,
        constraint: 'entity_relations_team_id_relation_id_fkey',
      });
    });

    it('cannot dodge the check by claiming the other team in team_id', async () => {
      // Team B's id with team A's entities and relation: every composite key misses.
      await expect(link(b.id, relB, a1, a2)).rejects.toMatchObject({ code: FK_VIOLATION });
    });

    it('accepts a relation wholly inside one team', async () => {
      await link(a.id, relA, a1, a2);
      await link(b.id, relB, b1, b2);
      const rows = await sql<{ team_id: string; n: string }>(
        'SELECT team_id, count(*) AS n FROM entity_relations WHERE team_id = ANY($1::uuid[]) GROUP BY team_id',
        [[a.id, b.id]],
      );
      expect(Object.fromEntries(rows.map((r) => [r.team_id, Number(r.n)]))).toEqual({ [a.id]: 1, [b.id]: 1 });
    });
  });

  it("refuses a membership in team A holding team B's role", async () => {
    const user = await createUser(testDb());
    await expect(
      sql('INSERT INTO team_memberships (team_id, user_id, role_id) VALUES ($1, $2, $3)', [a.id, user.id, b.adminRoleId]),
    ).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'team_memberships_team_id_role_id_fkey' });
    await sql('INSERT INTO team_memberships (team_id, user_id, role_id) VALUES ($1, $2, $3)', [a.id, user.id, a.viewerRoleId]);
  });

  it("refuses an invitation to team A with team B's role", async () => {
    const insert = (roleId: string) =>
      sql(
        `INSERT INTO team_invitations (team_id, email, role_id, token_hash, expires_at)
         VALUES ($1, 'x@example.com', $2, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), now() + interval '1 day')`,
        [a.id, roleId],
      );
    await expect(insert(b.adminRoleId)).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'team_invitations_team_id_role_id_fkey' });
    await insert(a.viewerRoleId);
  });

  it("refuses a scorecard, action or integration mapping on team B's blueprint", async () => {
    await expect(
      sql("INSERT INTO scorecards (team_id, blueprint_id, identifier, title) VALUES ($1, 'cluster', 'prod', 'Prod')", [a.id]),
    ).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'scorecards_team_id_blueprint_id_fkey' });

    await expect(
      sql("INSERT INTO actions (team_id, blueprint_id, identifier, title) VALUES ($1, 'cluster', 'scale', 'Scale')", [a.id]),
    ).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'actions_team_id_blueprint_id_fkey' });

    const integration = await one<{ id: string }>(
      "INSERT INTO integrations (team_id, identifier, title, kind, secret) VALUES ($1, 'github', 'GitHub', 'webhook', 'v1:x') RETURNING id",
      [a.id],
    );
    const mapping = (blueprintId: string, integrationId: string) =>
      sql(
        `INSERT INTO integration_mappings (team_id, integration_id, blueprint_id, mapping, position)
         VALUES ($1, $2, $3, '{"entity": {"identifier": "name"}}', 0)`,
        [a.id, integrationId, blueprintId],
      );
    await expect(mapping('cluster', integration.id)).rejects.toMatchObject({
      code: FK_VIOLATION,
      constraint: 'integration_mappings_team_id_blueprint_id_fkey',
    });
    // Controls: the same rows on team A's own blueprint are accepted.
    await sql("INSERT INTO scorecards (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'prod', 'Prod')", [a.id]);
    await sql("INSERT INTO actions (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'scale', 'Scale')", [a.id]);
    await mapping('service', integration.id);
  });

  it("refuses children that point at team B's scorecard, integration, action or entity", async () => {
    const scorecard = await one<{ id: string }>(
      "INSERT INTO scorecards (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'b-card', 'B') RETURNING id",
      [b.id],
    );
    await expect(
      sql(
        `INSERT INTO scorecard_rules (team_id, scorecard_id, identifier, title, level, value)
         VALUES ($1, $2, 'has-owner', 'Has owner', 'Bronze', '{}')`,
        [a.id, scorecard.id],
      ),
    ).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'scorecard_rules_team_id_scorecard_id_fkey' });

    const integration = await one<{ id: string }>(
      "INSERT INTO integrations (team_id, identifier, title, kind, secret) VALUES ($1, 'github', 'B GitHub', 'webhook', 'v1:x') RETURNING id",
      [b.id],
    );
    await expect(
      sql(
        `INSERT INTO integration_mappings (team_id, integration_id, blueprint_id, mapping, position)
         VALUES ($1, $2, 'service', '{}', 0)`,
        [a.id, integration.id],
      ),
    ).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'integration_mappings_team_id_integration_id_fkey' });

    const action = await one<{ id: string }>("INSERT INTO actions (team_id, identifier, title) VALUES ($1, 'b-action', 'B') RETURNING id", [
      b.id,
    ]);
    await expect(sql('INSERT INTO action_runs (team_id, action_id) VALUES ($1, $2)', [a.id, action.id])).rejects.toMatchObject({
      code: FK_VIOLATION,
      constraint: 'action_runs_team_id_action_id_fkey',
    });

    const ownAction = await one<{ id: string }>(
      "INSERT INTO actions (team_id, identifier, title) VALUES ($1, 'a-action', 'A') RETURNING id",
      [a.id],
    );
    const entityOfB = await insertEntity(b.id, 'service', 'run-target');
    await expect(
      sql('INSERT INTO action_runs (team_id, action_id, entity_id) VALUES ($1, $2, $3)', [a.id, ownAction.id, entityOfB]),
    ).rejects.toMatchObject({ code: FK_VIOLATION, constraint: 'action_runs_team_id_entity_id_fkey' });
  });

  it('refuses to delete a role a member still holds, but deletes an unused one', async () => {
    await expect(sql('DELETE FROM roles WHERE team_id = $1 AND id = $2', [a.id, a.adminRoleId])).rejects.toMatchObject({
      code: FK_VIOLATION,
      constraint: 'team_memberships_team_id_role_id_fkey',
    });
    const admin = await sql('SELECT 1 FROM roles WHERE team_id = $1 AND id = $2', [a.id, a.adminRoleId]);
    expect(admin).toHaveLength(1);

    const { team } = await createTeam(testDb());
    const deleted = await sql("DELETE FROM roles WHERE team_id = $1 AND name = 'editor' RETURNING id", [team.id]);
    expect(deleted).toHaveLength(1);
  });
});

/** Public tables with a team_id column (the team-owned ones), found in the catalog. */
async function teamOwnedTables(): Promise<string[]> {
  const rows = await sql<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'team_id' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

async function countsFor(teamId: string, tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM "${table}" WHERE team_id = $1`, [teamId]);
    counts[table] = Number(row.n);
  }
  return counts;
}

/** One or more rows in every team-owned table for `team`. */
async function fillTeam(team: Team): Promise<void> {
  const q = (text: string) => one<{ id: string }>(text, [team.id]);
  await sql(
    `INSERT INTO team_invitations (team_id, email, role_id, token_hash, invited_by, expires_at)
     VALUES ($1, 'invitee@example.com', $2, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), $3, now() + interval '1 day')`,
    [team.id, team.viewerRoleId, team.ownerId],
  );
  // Single sign-on's group mapping (0027), and a group of people with the owner in it (0030).
  await sql("INSERT INTO team_group_mappings (team_id, group_name, role_id) VALUES ($1, 'ops', $2)", [team.id, team.viewerRoleId]);
  const group = await q("INSERT INTO team_groups (team_id, identifier, title) VALUES ($1, 'payments', 'Payments') RETURNING id");
  await sql('INSERT INTO team_group_members (team_id, group_id, user_id) VALUES ($1, $2, $3)', [team.id, group.id, team.ownerId]);
  await sql(
    `INSERT INTO api_keys (team_id, user_id, name, key_prefix, key_hash)
     VALUES ($1, $2, 'ci', 'bp_abc', encode(sha256(gen_random_uuid()::text::bytea), 'hex'))`,
    [team.id, team.ownerId],
  );
  await sql("INSERT INTO blueprints (team_id, id, title) VALUES ($1, 'service', 'Service'), ($1, 'database', 'Database')", [team.id]);
  const service = await q("INSERT INTO entities (team_id, blueprint_id, identifier) VALUES ($1, 'service', 'api') RETURNING id");
  const database = await q("INSERT INTO entities (team_id, blueprint_id, identifier) VALUES ($1, 'database', 'db') RETURNING id");
  const relation = await q(
    `INSERT INTO blueprint_relations (team_id, source_blueprint_id, target_blueprint_id, identifier)
     VALUES ($1, 'service', 'database', 'uses') RETURNING id`,
  );
  await sql('INSERT INTO entity_relations (team_id, relation_id, source_entity_id, target_entity_id) VALUES ($1, $2, $3, $4)', [
    team.id,
    relation.id,
    service.id,
    database.id,
  ]);
  const scorecard = await q(
    "INSERT INTO scorecards (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'prod', 'Prod') RETURNING id",
  );
  await sql(
    `INSERT INTO scorecard_rules (team_id, scorecard_id, identifier, title, level, value)
     VALUES ($1, $2, 'owner', 'Owner', 'Bronze', '{}')`,
    [team.id, scorecard.id],
  );
  // Its trigger fills scorecard_counts too (migration 0016).
  await sql('INSERT INTO scorecard_results (team_id, scorecard_id, generation, entity_id, level, passed) VALUES ($1, $2, 1, $3, 1, 1)', [
    team.id,
    scorecard.id,
    service.id,
  ]);
  await sql(
    `INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, to_rank, to_level, cause)
     VALUES ($1, $2, $3, 'api', 1, 'Bronze', 'entity_created')`,
    [team.id, scorecard.id, service.id],
  );
  const integration = await q(
    "INSERT INTO integrations (team_id, identifier, title, kind, secret) VALUES ($1, 'github', 'GitHub', 'webhook', 'v1:x') RETURNING id",
  );
  await sql(
    `INSERT INTO integration_mappings (team_id, integration_id, blueprint_id, mapping, position)
     VALUES ($1, $2, 'service', '{}', 0)`,
    [team.id, integration.id],
  );
  await sql("INSERT INTO integration_syncs (team_id, integration_id, mode) VALUES ($1, $2, 'delta')", [team.id, integration.id]);
  const action = await q(
    "INSERT INTO actions (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'deploy', 'Deploy') RETURNING id",
  );
  const run = await one<{ id: string }>('INSERT INTO action_runs (team_id, action_id, entity_id) VALUES ($1, $2, $3) RETURNING id', [
    team.id,
    action.id,
    service.id,
  ]);
  await sql("INSERT INTO action_run_logs (team_id, run_id, message) VALUES ($1, $2, 'started')", [team.id, run.id]);
  await sql(
    "INSERT INTO automations (team_id, identifier, title, event, action_id) VALUES ($1, 'on-create', 'On create', 'entity.created', $2)",
    [team.id, action.id],
  );
  await sql("INSERT INTO saved_views (team_id, blueprint_id, identifier, title, owner_id) VALUES ($1, 'service', 'mine', 'Mine', $2)", [
    team.id,
    team.ownerId,
  ]);
  await sql(
    `INSERT INTO audit_logs (team_id, actor_type, user_id, action, entity_type, entity_id, ip_address)
     VALUES ($1, 'user', $2, 'entity.create', 'entity', $3, '192.0.2.1')`,
    [team.id, team.ownerId, service.id],
  );
  await sql(
    `INSERT INTO catalog_events (team_id, kind, blueprint_id, entity_id, identifier, actor_type, actor_id)
     VALUES ($1, 'entity.created', 'service', $3, 'api', 'user', $2)`,
    [team.id, team.ownerId, service.id],
  );
}

describe('deleting a team', () => {
  it("cascades to every team-owned table and leaves the other team's rows alone", async () => {
    const doomed = await makeTeam();
    const survivor = await makeTeam();
    await fillTeam(doomed);
    await fillTeam(survivor);

    const tables = await teamOwnedTables();
    // The schema's team-owned tables, so a new one shows up here and gets filled above.
    expect(tables).toEqual([
      'action_run_logs',
      'action_runs',
      'actions',
      'api_keys',
      'audit_logs',
      'automations',
      'blueprint_relations',
      'blueprints',
      'catalog_events',
      'entities',
      'entity_relations',
      'integration_mappings',
      'integration_syncs',
      'integrations',
      'roles',
      'saved_views',
      'scorecard_counts',
      'scorecard_level_changes',
      'scorecard_results',
      'scorecard_rules',
      'scorecards',
      'team_group_mappings',
      'team_group_members',
      'team_groups',
      'team_invitations',
      'team_memberships',
    ]);
    const before = await countsFor(doomed.id, tables);
    for (const table of tables) expect(before[table], `${table} has rows for the doomed team`).toBeGreaterThan(0);
    const survivorBefore = await countsFor(survivor.id, tables);

    const deleted = await sql('DELETE FROM teams WHERE id = $1 RETURNING id', [doomed.id]);
    expect(deleted).toHaveLength(1);

    const after = await countsFor(doomed.id, tables);
    expect(after).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));
    expect(await countsFor(survivor.id, tables)).toEqual(survivorBefore);
    // Users are global: the owner's account outlives the team.
    expect(await sql('SELECT 1 FROM users WHERE id = $1', [doomed.ownerId])).toHaveLength(1);
  });
});
