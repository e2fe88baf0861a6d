import { requirePermission, type TeamContext } from '@/lib/authz/team-context';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { bySource, loadRelationDefs } from '@/lib/relations/relation-definitions.sql';
import { toRelationsView } from '@/lib/relations/relation-types';
import { compileFilter, loadSearchUserGroups } from '@/lib/search/search-entities';
import { loadSearchRelations } from '@/lib/search/search-relations';
import { loadSearchScorecards, scorecardsNamed } from '@/lib/search/search-scorecards';
import { csvColumns } from './csv-columns';
import { exportBlueprintRow, exportBlueprintsSql } from './export-entities.sql';
import { EXPORT_LIMITS } from './export-limits';
import type { ExportBlueprint } from './export-types';
import { blueprintsOnly, exportWriter, type ExportWriter } from './export-writers';
import type { ExportRequest } from './parse-export-params';
import { readExportBatches, type ExportPart } from './read-export-entities';

// GET .../export: the team's catalog (or one blueprint, or the catalog table's query) streamed as
// JSON, NDJSON, YAML or CSV. Everything that can be refused is checked before the first byte
// (permissions, the blueprint, the query typed against its schema, the CSV columns), so a bad
// request is a plain 4xx; after that the body is produced batch by batch as the client reads it
// (read-export-entities.ts), within EXPORT_LIMITS.maxSeconds.

export type PreparedExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> | string };

type BlueprintRow = ReturnType<typeof exportBlueprintRow>;

async function loadBlueprints(db: Db, ctx: TeamContext, only: string | null): Promise<BlueprintRow[]> {
  const rows = await runSql(db, exportBlueprintsSql(ctx.team.id, only, EXPORT_LIMITS.maxBlueprints + 1), exportBlueprintRow);
  if (only !== null && rows.length === 0) throw new AppError('not_found', `blueprint "${only}" not found`);
  if (rows.length > EXPORT_LIMITS.maxBlueprints) {
    throw new AppError(
      'bad_request',
      `the team has more than ${EXPORT_LIMITS.maxBlueprints} blueprints: export them one at a time (?blueprint=)`,
    );
  }
  return rows;
}

/** The team's blueprints with their relations, as the blueprints document describes them (after the caller's check). */
async function loadExportBlueprints(db: Db, ctx: TeamContext): Promise<ExportBlueprint[]> {
  const rows = await loadBlueprints(db, ctx, null);
  const defs = bySource(
    await loadRelationDefs(
      db,
      ctx.team.id,
      rows.map((r) => r.id),
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    icon: r.icon,
    schema: r.schema as Record<string, unknown>,
    relations: toRelationsView(defs.get(r.id) ?? []),
  }));
}

const fileName = (ctx: TeamContext, request: ExportRequest, extension: string) =>
  `${ctx.team.slug}-${request.onlyBlueprints ? 'blueprints' : (request.blueprint ?? 'catalog')}.${extension}`;

/** ?only=blueprints: the blueprints document alone (YAML, or the same value as JSON), small enough to send whole. */
export async function exportBlueprintsFile(db: Db, ctx: TeamContext, request: ExportRequest): Promise<PreparedExport> {
  requirePermission(ctx, 'blueprint:read');
  const format = request.format === 'yaml' ? 'yaml' : 'json';
  const body = blueprintsOnly(format, await loadExportBlueprints(db, ctx));
  const contentType = format === 'yaml' ? 'application/yaml; charset=utf-8' : 'application/json; charset=utf-8';
  return { filename: fileName(ctx, request, format), contentType, body };
}

/** Checks the request against the team's data and returns the export, ready to stream. */
export async function exportCatalog(db: Db, ctx: TeamContext, request: ExportRequest): Promise<PreparedExport> {
  requirePermission(ctx, 'entity:read');
  // The blueprints part describes the schemas: it takes blueprint:read as well.
  if (request.includeBlueprints) requirePermission(ctx, 'blueprint:read');
  const blueprints = await loadBlueprints(db, ctx, request.blueprint);
  const parts: ExportPart[] = [];
  for (const b of blueprints) parts.push({ blueprintId: b.id, where: await compileExportFilter(db, ctx, b, request) });
  let columns = null;
  if (request.format === 'csv') {
    const one = request.blueprint ? blueprints[0] : null;
    const relationIds = one ? (await loadRelationDefs(db, ctx.team.id, [one.id])).map((d) => d.id) : [];
    columns = csvColumns(request.columns, one && { schema: one.schema, relationIds });
  }
  const writer = exportWriter(request.format, columns);
  const head = request.includeBlueprints ? await loadExportBlueprints(db, ctx) : null;
  return {
    filename: fileName(ctx, request, writer.extension),
    contentType: writer.contentType,
    body: streamExport(db, ctx, parts, writer, () => writer.start(head)),
  };
}

/** The query and q of the catalog table, typed by the blueprint's schema (the search's 400s). */
async function compileExportFilter(db: Db, ctx: TeamContext, blueprint: BlueprintRow, request: ExportRequest): Promise<Prisma.Sql> {
  if (!request.query && !request.q) return Prisma.sql`TRUE`;
  const relations = await loadSearchRelations(db, ctx.team.id, blueprint.id, request.query);
  const scorecards = await loadSearchScorecards(db, ctx.team.id, blueprint.id, scorecardsNamed(request.query, []), ctx);
  const userGroups = await loadSearchUserGroups(db, ctx, request.query);
  return compileFilter({ query: request.query, q: request.q }, blueprint.schema, new Date(), relations, scorecards, userGroups);
}

/**
 * The body: `pull` is called when the client has taken what was queued (highWaterMark 1: one
 * batch's text ahead at most), so a slow client slows the reads instead of filling memory.
 */
function streamExport(
  db: Db,
  ctx: TeamContext,
  parts: ExportPart[],
  writer: ExportWriter,
  start: () => string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const deadline = Date.now() + EXPORT_LIMITS.maxSeconds * 1000;
  const batches = readExportBatches(db, ctx, parts, EXPORT_LIMITS.batchSize);
  let started = false;
  let ended = false;
  const nextText = async (): Promise<string | null> => {
    if (!started) {
      started = true;
      return start();
    }
    if (ended) return null;
    if (Date.now() > deadline) throw new AppError('service_unavailable', `the export took longer than ${EXPORT_LIMITS.maxSeconds} s`);
    const next = await batches.next();
    if (!next.done) return writer.rows(next.value);
    ended = true;
    return writer.end();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // A pull that enqueues nothing is not called again: go on until there is text or the end.
          for (;;) {
            const text = await nextText();
            if (text === null) return controller.close();
            if (text) return controller.enqueue(encoder.encode(text));
          }
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
