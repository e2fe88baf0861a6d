import { getDb } from '@/lib/db/prisma';
import { exportBlueprintsFile, exportCatalog } from '@/lib/export/export-catalog';
import { parseExportParams } from '@/lib/export/parse-export-params';
import { withTeam } from '@/lib/http/route';

// GET /api/v1/teams/{team}/export - the catalog (or one blueprint, or a table query) as a streamed json, ndjson, yaml or csv download
export const GET = withTeam({}, async (ctx, { url }) => {
  const request = parseExportParams(url);
  const prepared = request.onlyBlueprints ? await exportBlueprintsFile(getDb(), ctx, request) : await exportCatalog(getDb(), ctx, request);
  return new Response(prepared.body, {
    headers: {
      'content-type': prepared.contentType,
      'content-disposition': `attachment; filename="${prepared.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
});
