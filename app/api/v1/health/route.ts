import { getDb } from '@/lib/db/prisma';
import { checkHealth } from '@/lib/health/check-health';

export const dynamic = 'force-dynamic';

// GET /api/v1/health - liveness and database reachability (200 ok, 503 when PostgreSQL is down)
export async function GET() {
  const health = await checkHealth(getDb());
  return Response.json(health, {
    status: health.database === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
