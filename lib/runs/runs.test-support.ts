import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { StoredStep } from '@/lib/actions/action-types';
import { sealSecret } from '@/lib/crypto/secret-box';
import { generateSigningSecret } from '@/lib/net/sign-webhook';
import { testDb } from '@/lib/test/database-per-file';
import { createBlueprint, createTeam, insertEntities, teamContextOf } from '@/lib/test/fixtures';

// What the run tests share: a team with a blueprint and an entity, actions inserted as
// lib/actions stores them (secrets sealed), and a loopback webhook receiver that records each
// request and answers as the test says.

export const SERVICE_SCHEMA = { type: 'object', properties: { n: { type: 'integer' }, tier: { type: 'string' } } };

export async function makeRunWorld() {
  const { team, owner } = await createTeam(testDb());
  await createBlueprint(testDb(), team.id, 'service', SERVICE_SCHEMA);
  await insertEntities(testDb(), { teamId: team.id, blueprintId: 'service' }, [{ identifier: 'svc-a', data: { n: 1, tier: 'gold' } }]);
  const ctx = await teamContextOf(owner, team.slug);
  return { team, owner, ctx };
}

export type ActionSpec = {
  identifier?: string;
  trigger?: 'create' | 'day-2' | 'delete';
  steps: StoredStep[];
  condition?: object | null;
  approval?: { required: boolean; allow_self: boolean } | null;
  userInputs?: object;
  enabled?: boolean;
};

/** An action row as the actions service stores it; answers its id, identifier and signing secret. */
export async function insertAction(teamId: string, spec: ActionSpec) {
  const id = randomUUID();
  const secret = generateSigningSecret();
  const identifier = spec.identifier ?? `act-${id.slice(0, 8)}`;
  await testDb().action.create({
    data: {
      teamId,
      id,
      identifier,
      title: identifier,
      blueprintId: 'service',
      triggerType: spec.trigger ?? 'day-2',
      triggerConfig: { condition: spec.condition ?? null, approval: spec.approval ?? null },
      userInputs: spec.userInputs ?? { type: 'object', properties: {} },
      steps: spec.steps as object[],
      enabled: spec.enabled ?? true,
      signingSecret: sealSecret(secret, `action:${id}:signing-secret`),
    },
  });
  return { id, identifier, secret };
}

export type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: string };
type Answer = (request: Received, index: number) => { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** An HTTP server on 127.0.0.1 answering by `answer` (the n-th request gets index n). */
export async function startReceiver(answer: Answer) {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const reply = answer(request, received.length - 1);
      if (reply === 'hang') return; // never answers: the caller's timeout must end it
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The run's log messages, oldest first. */
export async function logOf(teamId: string, runId: string): Promise<string[]> {
  const rows = await testDb().actionRunLog.findMany({ where: { teamId, runId }, orderBy: { id: 'asc' }, select: { message: true } });
  return rows.map((r) => r.message);
}
