import { isBlueprintId } from '@/lib/blueprints/schemas';
import { AppError } from '@/lib/errors';
import { allowOnlyParams, flagParam } from '@/lib/http/query-params';
import { BACKSTAGE_KINDS, type BackstageKind } from './backstage/backstage-blueprints';

// The query of POST /api/v1/teams/{team}/import: `blueprint`, `dry_run`, and `kinds`, the
// Backstage kinds to read into existing blueprints (`component:service,group:team`).

export type ImportParams = { blueprint?: string; dryRun: boolean; kinds?: Partial<Record<BackstageKind, string>> };

const KINDS: ReadonlySet<string> = new Set(BACKSTAGE_KINDS);

function kindsParam(raw: string | null): ImportParams['kinds'] {
  if (raw === null || raw === '') return undefined;
  const kinds: Partial<Record<BackstageKind, string>> = {};
  for (const pair of raw.split(',')) {
    const [kind, blueprint, extra] = pair.split(':').map((s) => s.trim());
    if (extra !== undefined || !KINDS.has(kind?.toLowerCase()) || !blueprint || !isBlueprintId(blueprint)) {
      throw new AppError(
        'bad_request',
        `kinds must be kind:blueprint pairs separated by commas (kinds: ${BACKSTAGE_KINDS.join(', ')}), got "${pair}"`,
      );
    }
    kinds[kind.toLowerCase() as BackstageKind] = blueprint;
  }
  return kinds;
}

export function parseImportParams(url: URL): ImportParams {
  allowOnlyParams(url, ['blueprint', 'dry_run', 'kinds']);
  const blueprint = url.searchParams.get('blueprint') || undefined;
  if (blueprint !== undefined && !isBlueprintId(blueprint))
    throw new AppError('bad_request', `blueprint "${blueprint}" is not a blueprint id`);
  return { blueprint, dryRun: flagParam(url, 'dry_run'), kinds: kindsParam(url.searchParams.get('kinds')) };
}
