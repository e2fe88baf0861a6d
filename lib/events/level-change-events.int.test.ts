import { describe, expect, it } from 'vitest';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam } from '@/lib/test/fixtures';

// Migration 0021: scorecard level changes become 'scorecard.level_changed' events in the same
// transaction, only for teams with an enabled automation listening to them.

async function q<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await testPool().query(sql, params)).rows as T[];
}

async function teamWithScorecard() {
  const { team } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service');
  const [sc] = await q<{ id: string }>(
    "INSERT INTO scorecards (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'prod', 'Prod') RETURNING id",
    [team.id],
  );
  const [action] = await q<{ id: string }>(
    "INSERT INTO actions (team_id, blueprint_id, identifier, title) VALUES ($1, 'service', 'notify', 'Notify') RETURNING id",
    [team.id],
  );
  return { team, scorecardId: sc.id, actionId: action.id };
}

/** History rows as the scoring statements write them: one INSERT, [from, to] level names. */
async function writeLevelChanges(teamId: string, scorecardId: string, rows: Array<[string | null, string | null]>) {
  const params: unknown[] = [teamId, scorecardId];
  const values = rows.map(([from, to], i) => {
    params.push(from === null ? null : 1, from, to === null ? null : 2, to);
    const p = 3 + i * 4;
    return `($1, $2, gen_random_uuid(), 'svc-${i}', $${p}::smallint, $${p + 1}, $${p + 2}::smallint, $${p + 3}, 'entity_updated', 'req-1')`;
  });
  await q(
    `INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, from_rank, from_level, to_rank, to_level, cause, request_id)
     VALUES ${values.join(', ')}`,
    params,
  );
}

async function levelEvents(teamId: string) {
  return q<{ identifier: string; blueprint_id: string; actor_type: string; request_id: string; detail: object }>(
    "SELECT identifier, blueprint_id, actor_type, request_id, detail FROM catalog_events WHERE team_id = $1 AND kind = 'scorecard.level_changed' ORDER BY id",
    [teamId],
  );
}

describe('scorecard level change events', () => {
  it('a team without an automation on level changes gets no events', async () => {
    const { team, scorecardId } = await teamWithScorecard();
    await writeLevelChanges(team.id, scorecardId, [[null, 'Bronze']]);
    expect(await levelEvents(team.id)).toEqual([]);
  });

  it('with an enabled automation, each change is an event naming the scorecard, the levels and the cause', async () => {
    const { team, scorecardId, actionId } = await teamWithScorecard();
    await q(
      "INSERT INTO automations (team_id, identifier, title, event, action_id) VALUES ($1, 'on-level', 'On level', 'scorecard.level_changed', $2)",
      [team.id, actionId],
    );
    await writeLevelChanges(team.id, scorecardId, [
      [null, 'Bronze'],
      ['Bronze', 'Silver'],
      ['Silver', null],
    ]);
    expect(await levelEvents(team.id)).toEqual([
      {
        identifier: 'svc-0',
        blueprint_id: 'service',
        actor_type: 'system',
        request_id: 'req-1',
        detail: { scorecard: 'prod', from: null, to: 'Bronze', cause: 'entity_updated' },
      },
      {
        identifier: 'svc-1',
        blueprint_id: 'service',
        actor_type: 'system',
        request_id: 'req-1',
        detail: { scorecard: 'prod', from: 'Bronze', to: 'Silver', cause: 'entity_updated' },
      },
      {
        identifier: 'svc-2',
        blueprint_id: 'service',
        actor_type: 'system',
        request_id: 'req-1',
        detail: { scorecard: 'prod', from: 'Silver', to: null, cause: 'entity_updated' },
      },
    ]);
  });

  it('a disabled automation emits nothing, and a rolled-back change leaves no event', async () => {
    const { team, scorecardId, actionId } = await teamWithScorecard();
    await q(
      "INSERT INTO automations (team_id, identifier, title, event, action_id, enabled) VALUES ($1, 'off', 'Off', 'scorecard.level_changed', $2, false)",
      [team.id, actionId],
    );
    await writeLevelChanges(team.id, scorecardId, [[null, 'Bronze']]);
    expect(await levelEvents(team.id)).toEqual([]);
    await q('UPDATE automations SET enabled = true WHERE team_id = $1', [team.id]);
    const client = await testPool().connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO scorecard_level_changes (team_id, scorecard_id, entity_id, entity_identifier, to_rank, to_level, cause)
         VALUES ($1, $2, gen_random_uuid(), 'x', 1, 'Bronze', 'entity_created')`,
        [team.id, scorecardId],
      );
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await levelEvents(team.id)).toEqual([]);
  });
});
