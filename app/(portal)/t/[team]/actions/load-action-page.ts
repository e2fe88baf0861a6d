import { forbidden } from 'next/navigation';
import { cache } from 'react';
import { can } from '@/lib/authz/team-context';
import type { Permission } from '@/lib/authz/permissions';
import { getDb } from '@/lib/db/prisma';
import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import { loadTeamContext, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../load-team';

/**
 * What the action and run pages need to render: the team, its blueprints (filters, the editor's
 * blueprint choice; their schemas give the condition's fields) and which buttons to show. The
 * actions and runs themselves load in the browser through the API, whose services decide; the page
 * is the 403 page when the caller lacks `needs`, the permission of the route it loads through.
 */
export const loadActionPage = cache(async (slug: string, needs: Permission = 'action:read', withSchemas = false) => {
  const ctx = await loadTeamContext(slug);
  if (!can(ctx, needs)) forbidden();
  const summaries = await unlessRefused(loadBlueprints(slug), []);
  const schemas = withSchemas
    ? await loadBlueprintSchemas(
        getDb(),
        ctx.team.id,
        summaries.map((b) => b.id),
      )
    : new Map<string, unknown>();
  return {
    ctx,
    team: ctx.team.slug,
    blueprints: summaries.map(({ id, title, icon }) => ({ id, title, icon, schema: schemas.get(id) ?? null })),
    // Shown or hidden buttons; the services decide every write.
    canWrite: can(ctx, 'action:write'),
    canExecute: can(ctx, 'action:execute'),
    canApprove: can(ctx, 'action:approve'),
  };
});
