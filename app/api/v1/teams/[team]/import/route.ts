import { getDb } from '@/lib/db/prisma';
import { withTeam } from '@/lib/http/route';
import { readRawTextBody } from '@/lib/http/request-body';
import { importCatalog } from '@/lib/import/import-catalog';
import { parseImportParams } from '@/lib/import/parse-import-params';

// POST /api/v1/teams/{team}/import - a JSON, NDJSON, YAML (Backstage catalog-info.yaml too) or CSV file applied to the catalog (?dry_run=true)
export const POST = withTeam({}, async (ctx, { request, url }) => {
  const params = parseImportParams(url);
  const text = await readRawTextBody(request);
  return { body: await importCatalog(getDb(), ctx, { ...params, text, contentType: request.headers.get('content-type') }) };
});
