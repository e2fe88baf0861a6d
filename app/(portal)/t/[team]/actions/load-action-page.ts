import { cache } from 'react';
import { mayCall } from '@/lib/authz/may-call';
import type { EntryPoint } from '@/lib/authz/service-permissions';
import { getDb } from '@/lib/db/prisma';
import { loadBlueprintSchemas } from '@/lib/blueprints/blueprint-schemas.sql';
import { requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../load-team';

/**
 * What the action and run pages need to render: the team, its blueprints (filters, the editor's
 * blueprint choice; their schemas give the condition's fields) and which buttons to show. The
 * actions and runs themselves load in the browser through the API, whose services decide: the
 * page is the 403 page when `entry`, the entry point behind the route it loads through, would refuse.
 */
export const loadActionPage = cache(async (slug: string, entry: EntryPoint = 'listActions', withSchemas = false) => {
  const ctx = await requireEntryPointPage(slug, entry);
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
    canWrite: mayCall(ctx, 'createAction') && mayCall(ctx, 'updateAction'),
    canExecute: mayCall(ctx, 'requestRun'),
    canApprove: mayCall(ctx, 'decideRunApproval'),
  };
});
