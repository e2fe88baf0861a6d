import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSqlWithinOrNull } from '@/lib/db/run-sql';
import { connectedRow, mostConnectedSql } from './team-home.sql';

// "Most connected" on the team home: the team's entities with the most links in and out.

export type ConnectedEntity = {
  identifier: string;
  title: string | null;
  blueprint: string;
  blueprint_title: string;
  links: number;
};

export const MOST_CONNECTED_LIMIT = 8;
/** The count walks all of the team's links (team-home.sql.ts): past this, "not counted". */
const TIMEOUT_MS = 2_000;

/** Most links first; null when the count did not finish in time. */
export async function listMostConnected(db: Db, ctx: TeamContext, timeoutMs = TIMEOUT_MS): Promise<ConnectedEntity[] | null> {
  requirePermission(ctx, 'entity:read');
  const rows = await runSqlWithinOrNull(db, mostConnectedSql(ctx.team.id, MOST_CONNECTED_LIMIT), connectedRow, timeoutMs);
  if (!rows) return null;
  return rows.map(({ identifier, title, blueprint, blueprint_title, links }) => ({ identifier, title, blueprint, blueprint_title, links }));
}
