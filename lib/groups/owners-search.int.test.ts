import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamContext } from '@/lib/authz/team-context';
import { resolveTeamContext } from '@/lib/authz/team-context';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseSearchBody } from '@/lib/search/parse-search-body';
import { compileFilter, searchEntities } from '@/lib/search/search-entities';
import { pageStatement } from '@/lib/search/search-entities.sql';
import { typeQuery } from '@/lib/search/type-query';
import { typeSort } from '@/lib/search/type-sort';
import { testDb, testPool } from '@/lib/test/database-per-file';
import { addMembership, createApiKeyRow, createBlueprint, createTeam, requestContextFor, teamContextOf } from '@/lib/test/fixtures';
import { addGroupMember } from './group-members';
import { createGroup } from './group-service';

// `$owners` through the real SQL: the caller's groups for {"context": "userGroups"} (a person's,
// per request; a key has none), the other operators, and the plan: the owners filter is served
// by the partial GIN index idx_entities_owners at a size where a scan would otherwise win.

const ROWS = 20_000;
let ctx: TeamContext;
let memberCtx: TeamContext;
let keyCtx: TeamContext;
let scope: { teamId: string; blueprintId: string };

beforeAll(async () => {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service');
  ctx = await teamContextOf(owner, team.slug);
  scope = { teamId: team.id, blueprintId: 'service' };
  for (const identifier of ['platform', 'sre', 'data']) await createGroup(testDb(), ctx, { identifier, title: identifier });
  const member = await addMembership(testDb(), team.id, 'viewer');
  await addGroupMember(testDb(), ctx, 'sre', { user_id: member.id });
  await addGroupMember(testDb(), ctx, 'data', { user_id: member.id });
  memberCtx = await teamContextOf(member, team.slug);
  const { row } = await createApiKeyRow(testDb(), { teamId: team.id, userId: owner.id, permissions: ['entity:read'] });
  keyCtx = await resolveTeamContext(
    testDb(),
    requestContextFor({
      kind: 'api_key',
      keyId: row.id,
      keyName: row.name,
      teamId: team.id,
      creatorId: owner.id,
      keyPermissions: ['entity:read'],
    }),
    team.slug,
  );
  // Most entities own nothing (outside the partial index); 1 in 1000 is owned by sre, 1 in 500 by platform.
  await testPool().query(
    `INSERT INTO entities (team_id, blueprint_id, identifier, data, owners)
     SELECT $1, 'service', 'e-' || i, '{}',
            CASE WHEN i % 1000 = 0 THEN ARRAY['sre'] WHEN i % 500 = 0 THEN ARRAY['platform', 'data'] ELSE '{}' END
       FROM generate_series(1, ${ROWS}) AS i`,
    [team.id],
  );
  await testPool().query('VACUUM ANALYZE entities');
});

async function identifiers(c: TeamContext, query: object): Promise<string[]> {
  const request = parseSearchBody({ query, limit: 1000 });
  const { entities } = await searchEntities(testDb(), c, 'service', request, { withTotal: false });
  return entities.map((e) => e.identifier).sort();
}

const mine = { rules: [{ property: '$owners', operator: 'containsAny', value: { context: 'userGroups' } }] };

describe('$owners', () => {
  it("containsAny {context: userGroups} is the searching person's groups", async () => {
    // The member is in sre and data: e-1000, e-2000... (sre) and e-500, e-1500... (platform + data).
    const found = await identifiers(memberCtx, mine);
    expect(found).toHaveLength(ROWS / 500);
    // The owner is in no group: nothing is theirs.
    expect(await identifiers(ctx, mine)).toEqual([]);
  });

  it('an API key has no person, so no groups: the context matches nothing', async () => {
    expect(await identifiers(keyCtx, mine)).toEqual([]);
  });

  it('contains, containsAll, doesNotContain and isEmpty', async () => {
    const rule = (operator: string, value?: unknown) => ({ rules: [{ property: '$owners', operator, value }] });
    expect(await identifiers(ctx, rule('contains', 'sre'))).toHaveLength(ROWS / 1000);
    expect(await identifiers(ctx, rule('containsAll', ['platform', 'data']))).toHaveLength(ROWS / 1000);
    expect(await identifiers(ctx, rule('containsAll', ['platform', 'sre']))).toEqual([]);
    const both = { rules: [rule('doesNotContain', 'sre').rules[0], rule('contains', 'platform').rules[0]] };
    expect(await identifiers(ctx, both)).toHaveLength(ROWS / 500 - ROWS / 1000);
    expect(await identifiers(ctx, rule('isNotEmpty'))).toHaveLength(ROWS / 500);
    const empty = { rules: [rule('isEmpty').rules[0], { property: '$identifier', operator: 'in', value: ['e-1', 'e-500', 'e-1000'] }] };
    expect(await identifiers(ctx, empty)).toEqual(['e-1']);
  });

  it('refuses other operators, and the context where no person searches (a scorecard rule), with a 400 naming the place', () => {
    const bad = parseSearchBody({ query: { rules: [{ property: '$owners', operator: '=', value: 'sre' }] } });
    expect(() => typeQuery(bad.query, {})).toThrow(AppError);
    const context = parseSearchBody({ query: mine });
    expect(() => typeQuery(context.query, {})).toThrow(/userGroups/);
  });

  it('the owners filter is served by idx_entities_owners', async () => {
    const request = parseSearchBody({ query: { rules: [{ property: '$owners', operator: 'containsAny', value: ['sre'] }] } });
    const statement: Prisma.Sql = pageStatement(scope, compileFilter(request, {}), typeSort(request.sort, {}), null, 50);
    const { rows } = await testPool().query<{ 'QUERY PLAN': Array<{ Plan: object }> }>(
      `EXPLAIN (FORMAT JSON) ${statement.text}`,
      statement.values as unknown[],
    );
    expect(JSON.stringify(rows[0]['QUERY PLAN'][0].Plan)).toContain('idx_entities_owners');
  });
});
