import { isBlueprintId } from '@/lib/blueprints/schemas';
import { AppError } from '@/lib/errors';
import { allowOnlyParams } from '@/lib/http/query-params';
import { parseJsonParam } from '@/lib/search/parse-json-param';
import { parseGroup, parseQ } from '@/lib/search/parse-search-body';
import type { RawGroup } from '@/lib/search/search-types';
import { EXPORT_FORMATS, type ExportFormat } from './export-types';

// GET .../export's query parameters (API.md "Integrations, ingestion, import and export"). The
// query is checked for shape here (the search body's own parser, the same 400s); its types against
// the blueprint's schema when the export starts (export-catalog.ts).

export type ExportRequest = {
  format: ExportFormat;
  blueprint: string | null;
  query: RawGroup | null;
  q: string | null;
  /** The blueprints part first (include=blueprints). */
  includeBlueprints: boolean;
  /** Only the blueprints document (only=blueprints). */
  onlyBlueprints: boolean;
  /** CSV only: `?columns=a,b` as given (null: the defaults). */
  columns: string | null;
};

export function parseExportParams(url: URL): ExportRequest {
  allowOnlyParams(url, ['format', 'blueprint', 'query', 'q', 'include', 'only', 'columns']);
  const get = (name: string) => url.searchParams.get(name);
  const rawFormat = get('format') ?? 'json';
  if (!(EXPORT_FORMATS as readonly string[]).includes(rawFormat)) {
    throw new AppError('bad_request', `format must be one of ${EXPORT_FORMATS.join(', ')}, got "${rawFormat.slice(0, 20)}"`);
  }
  const format = rawFormat as ExportFormat;
  const blueprint = get('blueprint');
  // A blueprint id that cannot exist names nothing: 404, as in a path.
  if (blueprint !== null && !isBlueprintId(blueprint)) throw new AppError('not_found', 'blueprint not found');
  const include = get('include');
  if (include !== null && include !== 'blueprints') throw new AppError('bad_request', 'include must be "blueprints"');
  const only = get('only');
  if (only !== null && only !== 'blueprints') throw new AppError('bad_request', 'only must be "blueprints"');
  const rawQuery = parseJsonParam(get('query') ?? undefined, 'query');
  const query = rawQuery === undefined || rawQuery === null ? null : parseGroup(rawQuery, 'query');
  const q = parseQ(get('q'));
  const columns = get('columns');
  const request: ExportRequest = {
    format,
    blueprint,
    query,
    q,
    includeBlueprints: include !== null,
    onlyBlueprints: only !== null,
    columns,
  };
  checkCombination(request);
  return request;
}

function checkCombination(r: ExportRequest): void {
  if ((r.query || r.q) && !r.blueprint) throw new AppError('bad_request', 'query and q need blueprint (a query is typed by its blueprint)');
  if (r.columns !== null && r.format !== 'csv') throw new AppError('bad_request', 'columns applies to format=csv only');
  if (r.includeBlueprints && r.format === 'csv') throw new AppError('bad_request', 'include=blueprints is not available for CSV');
  if (r.onlyBlueprints) {
    if (r.format !== 'json' && r.format !== 'yaml') throw new AppError('bad_request', 'only=blueprints is written as json or yaml');
    if (r.includeBlueprints || r.blueprint || r.query || r.q) {
      throw new AppError('bad_request', 'only=blueprints exports every blueprint: leave out include, blueprint, query and q');
    }
  }
}
