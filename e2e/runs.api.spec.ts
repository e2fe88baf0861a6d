import { expect, test } from '@playwright/test';
import { API, call, createBlueprint, createTeam, db, expectError, expectJson, newApiContext, register, unique } from './support/api';

// Action runs over HTTP: asking a run, its log as a live stream (server-sent events) read from the
// real server, and the cross-team 404. The action row is inserted as lib/actions stores it (its
// CRUD is another route's); its run waits for an approval, so nothing leaves the machine.

type Run = { id: string; status: string; action: string; entity: string | null };

test('a run log streams its lines, its status changes and its end', async () => {
  const api = await newApiContext();
  const admin = await register(api, 'runs');
  const team = await createTeam(api, admin.token);
  await createBlueprint(api, admin.token, team.slug, { id: 'service', schema: { type: 'object', properties: {} } });
  await expectJson(
    await call(api, 'POST', `/teams/${team.slug}/blueprints/service/entities`, {
      token: admin.token,
      body: { identifier: 'svc-a', data: {} },
    }),
    201,
    'entity',
  );
  const identifier = unique('act');
  await db().query(
    `INSERT INTO actions (team_id, identifier, title, blueprint_id, trigger_type, trigger_config, steps)
     VALUES ($1, $2, 'Deploy', 'service', 'day-2', $3, '[{"type": "approval"}]')`,
    [team.id, identifier, JSON.stringify({ condition: null, approval: { required: true, allow_self: true } })],
  );

  const run = await expectJson<Run>(
    await call(api, 'POST', `/teams/${team.slug}/actions/${identifier}/runs`, {
      token: admin.token,
      body: { entity: 'svc-a', inputs: {} },
    }),
    202,
    'ask a run',
  );
  expect([run.status, run.action, run.entity]).toEqual(['waiting_approval', identifier, 'svc-a']);
  const logs = `/teams/${team.slug}/runs/${run.id}/logs`;
  expect((await call(api, 'POST', logs, { token: admin.token, body: { message: 'hello from e2e', level: 'info' } })).status()).toBe(204);

  // The stream, read as a browser's EventSource would: existing lines first, then what comes.
  const baseURL = test.info().project.use.baseURL!;
  const stream = await fetch(`${baseURL}${API}${logs}`, {
    headers: { authorization: `Bearer ${admin.token}`, accept: 'text/event-stream' },
  });
  expect(stream.status).toBe(200);
  expect(stream.headers.get('content-type')).toContain('text/event-stream');
  const reader = stream.body!.getReader();
  let text = '';
  const readUntil = async (marker: string) => {
    while (!text.includes(marker)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended before "${marker}": ${text}`);
      text += new TextDecoder().decode(value);
    }
  };
  await readUntil('"status":"waiting_approval"');
  expect(text).toContain('event: log');
  expect(text).toContain('"message":"hello from e2e"');

  await expectJson<Run>(await call(api, 'POST', `/teams/${team.slug}/runs/${run.id}/cancel`, { token: admin.token }), 200, 'cancel');
  await readUntil('event: end');
  expect(text).toContain('"status":"cancelled"');
  expect(text).toContain('"message":"run cancelled"');
  expect((await reader.read()).done).toBe(true);

  // Another team's member sees no such run on any route.
  const outsider = await register(api, 'outsider');
  const other = await createTeam(api, outsider.token);
  await expectError(await call(api, 'GET', `/teams/${other.slug}/runs/${run.id}`, { token: outsider.token }), 404, 'cross-team run');
  await expectError(await call(api, 'GET', `/teams/${team.slug}/runs/${run.id}`, { token: outsider.token }), 404, 'not a member');
  // A run token is no credential for reads (it is made for PATCH and logs of its run alone).
  await expectError(
    await call(api, 'GET', `/teams/${team.slug}/runs/${run.id}`, { token: `bprun_${'0'.repeat(48)}` }),
    401,
    'run token on GET',
  );
  await expectError(
    await call(api, 'PATCH', `/teams/${team.slug}/runs/${run.id}`, { token: `bprun_${'0'.repeat(48)}`, body: {} }),
    404,
    'a token of another run',
  );
});
