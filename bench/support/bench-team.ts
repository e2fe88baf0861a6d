import { DEMO_BLUEPRINTS } from '@/lib/demo/demo-blueprints';

// What the HTTP benchmarks start from on their fresh server: a registered person, the team
// `bench`, and the demo's `service` blueprint. Answers the JSON headers with that person's token.
export async function createBenchTeam(base: string): Promise<Record<string, string>> {
  const json = { 'Content-Type': 'application/json' };
  const registered = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password', name: 'Bench' }),
  });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const auth = { ...json, Authorization: `Bearer ${((await registered.json()) as { token: string }).token}` };
  const team = await fetch(`${base}/api/v1/teams`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: 'Bench', slug: 'bench' }),
  });
  if (team.status !== 201) throw new Error(`team: ${team.status} ${await team.text()}`);
  const service = DEMO_BLUEPRINTS.find((b) => b.id === 'service')!;
  const blueprint = await fetch(`${base}/api/v1/teams/bench/blueprints`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ id: service.id, title: service.title, schema: service.schema }),
  });
  if (blueprint.status !== 201) throw new Error(`blueprint: ${blueprint.status} ${await blueprint.text()}`);
  return auth;
}
