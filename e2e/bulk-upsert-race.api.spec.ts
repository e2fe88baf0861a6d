import { expect, test, type APIRequestContext } from '@playwright/test';
import { call, createBlueprint, createTeam, newApiContext, register, type Session } from './support/api';

// Issue 11 #13 through the real server: 8 bulk upserts at once over the same 500 identifiers in
// different orders. Before the fix 7 of 8 answered 500 (PostgreSQL's deadlock, 40P01); rows are
// now written in identifier order (and a lost race is retried), so every one answers 200.

const WRITERS = 8;
const IDENTIFIERS = Array.from({ length: 500 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);

function shuffled(seed: number): string[] {
  let state = seed * 7919 + 1;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const list = [...IDENTIFIERS];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

let api: APIRequestContext;
let admin: Session;
let team: string;

test.beforeAll(async () => {
  api = await newApiContext();
  admin = await register(api, 'admin');
  team = (await createTeam(api, admin.token)).slug;
  await createBlueprint(api, admin.token, team, { id: 'service', schema: { type: 'object', properties: { writer: { type: 'integer' } } } });
});

test.afterAll(async () => {
  await api.dispose();
});

test('8 overlapping bulk upserts of the same 500 identifiers in different orders all answer 200', async () => {
  test.setTimeout(120_000); // 4,000 rows written on a busy 2-core machine
  const path = `/teams/${team}/blueprints/service/entities/bulk`;
  const responses = await Promise.all(
    Array.from({ length: WRITERS }, (_, writer) =>
      call(api, 'POST', path, {
        token: admin.token,
        body: { entities: shuffled(writer).map((identifier) => ({ identifier, data: { writer } })) },
      }),
    ),
  );
  const statuses = await Promise.all(
    responses.map(async (r) => (r.status() === 200 ? 200 : `${r.status()} ${(await r.text()).slice(0, 200)}`)),
  );
  expect(statuses).toEqual(Array(WRITERS).fill(200));
  // Written by all 8 batches: version 8 (the ETag), first and last identifier alike.
  for (const identifier of [IDENTIFIERS[0], IDENTIFIERS[IDENTIFIERS.length - 1]]) {
    const read = await call(api, 'GET', `/teams/${team}/blueprints/service/entities/${identifier}`, { token: admin.token });
    expect(read.status()).toBe(200);
    expect(read.headers().etag).toBe(`"${WRITERS}"`);
  }
});
