import type { TeamContext } from '@/lib/authz/team-context';
import { withTeamReadSlot } from '@/lib/db/limit-team-reads';
import type { Db } from '@/lib/db/prisma';
import { runSql } from '@/lib/db/run-sql';
import type { Prisma } from '@/lib/generated/prisma/client';
import { loadLinkViews } from '@/lib/relations/entity-links';
import { exportBatchSql, exportEntityRow } from './export-entities.sql';
import type { ExportRow } from './export-types';

// The streaming reader of an export: the blueprints one after another (in id order), each read
// by keyset in batches of `batchSize` (export-entities.sql.ts), each batch with its links in one
// more query. A batch is yielded only when the consumer asks for the next (an async generator),
// so at most one batch is in memory whatever the catalog's size. Each batch takes a slot of the
// team's share of expensive reads (limit-team-reads.ts) for its two statements only, so a long
// export never starves the team's other reads, and the pool's statement_timeout bounds each.
//
// Batches are separate statements, not one snapshot: an entity written during a long export
// shows up if its identifier sorts after the batch being read. Holding one transaction open for
// the whole stream would pin a connection (and old row versions) for minutes.

export type ExportPart = { blueprintId: string; where: Prisma.Sql };

export async function* readExportBatches(
  db: Db,
  ctx: TeamContext,
  parts: ExportPart[],
  batchSize: number,
): AsyncGenerator<ExportRow[], void, undefined> {
  for (const part of parts) {
    let after: string | null = null;
    for (;;) {
      const cursor: string | null = after;
      const batch: ExportRow[] = await withTeamReadSlot(db, ctx, async () => {
        const rows = await runSql(db, exportBatchSql(ctx.team.id, part.blueprintId, part.where, cursor, batchSize), exportEntityRow);
        const links = await loadLinkViews(
          db,
          ctx.team.id,
          rows.map((r) => r.id),
        );
        return rows.map((r) => ({
          blueprint: part.blueprintId,
          identifier: r.identifier,
          title: r.title,
          properties: r.data as Record<string, unknown>,
          relations: links.get(r.id) ?? {},
          createdAt: r.createdAt,
          updatedAt: r.updatedAt,
          createdBy: r.createdBy,
          updatedBy: r.updatedBy,
        }));
      });
      if (batch.length) yield batch;
      if (batch.length < batchSize) break;
      after = batch[batch.length - 1].identifier;
    }
  }
}
