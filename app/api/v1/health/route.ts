import { getHealthDb } from '@/lib/db/prisma';
import { checkHealth } from '@/lib/health/check-health';

export const dynamic = 'force-dynamic';

// GET /api/v1/health - liveness and database reachability (200 ok, 503 when PostgreSQL is down)
// On its own one-connection pool (getHealthDb): a pool starved by slow statements never makes
// /health wait or fail while PostgreSQL answers; an unreachable database is a 503 within ~1 s.
export async function GET() {
  const health = await checkHealth(getHealthDb(), 1_500);
  return Response.json(health, {
    status: health.database === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
