import { createAutomationBody } from '@/lib/automations/automation-schemas';
import { createAutomation, listAutomations } from '@/lib/automations/automation-service';
import { getDb } from '@/lib/db/prisma';
import { versionEtag } from '@/lib/http/etag';
import { parsePageParams } from '@/lib/http/pagination';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/automations - the team's automations, oldest first (cursor)
export const GET = withTeam({}, async (ctx, { url }) => {
  allowOnlyParams(url, ['limit', 'cursor']);
  return { body: await listAutomations(getDb(), ctx, parsePageParams(url)) };
});

// POST /api/v1/teams/{team}/automations - define an automation (on an event, run an action)
export const POST = withTeam({ body: createAutomationBody }, async (ctx, { url, body }) => {
  allowOnlyParams(url, []);
  const { automation, version } = await createAutomation(getDb(), ctx, body);
  return { status: 201, body: automation, headers: { etag: versionEtag(version) } };
});
