import { getDb, type Db } from '@/lib/db/prisma';
import { execSql, runSql } from '@/lib/db/run-sql';
import type { QueryTree } from '@/lib/domain/scorecard-rules';
import type { JobDefinition } from '@/lib/jobs/job-queue';
import { log } from '@/lib/observability/logger';
import { compactCountsSql } from './read-results.sql';
import { scoreEntitiesSql } from './score-entities.sql';
import { kickScorecardRecompute, SCORECARD_RECOMPUTE_JOB, type ScorecardRecomputeData } from './kick-recompute';
import {
  boundRow,
  chunkBoundsSql,
  chunkRow,
  dropOlderCountsSql,
  dropOlderGenerationsSql,
  flipHistorySql,
  flipSql,
  lockChunkSql,
  lockedScorecardRow,
  lockScorecardSql,
  pendingRecomputesSql,
  pendingRow,
  progressRow,
  recordProgressSql,
  startedRow,
  startRecomputeSql,
  vacuumResultsSql,
} from './recompute.sql';
import { currentDefinition, typeDefinition, type Definition } from './type-definition';
import { sameJson } from './compare-json';

// A scorecard's recompute (a rule, the filter, the levels or the blueprint's schema changed): the
// wanted generation (target_generation) is computed in chunks BESIDE the live results, which reads
// keep serving; then ONE transaction flips live_generation, writes the history of every level the
// flip changes and drops the old rows. Idempotent by generation: a retry starts the generation
// over (chunks upsert), a generation no longer wanted is abandoned at the next chunk, and a flip
// only happens while the generation is still the wanted one (checked under the scorecard's lock).

export const RECOMPUTE_CHUNK = 5000;
/** Chunks evaluated at once, each on its own connection (PostgreSQL does the work: one per core here). */
export const RECOMPUTE_PARALLEL = 2;

export type RecomputeOutcome = 'live' | 'superseded' | 'paused';

/** `stopAfterChunks`: leave the generation half computed (tests: reads must not see it). */
export type RecomputeOptions = { chunkSize?: number; stopAfterChunks?: number; parallel?: number };

type StartedDefinition = {
  levels: Array<{ name: string }>;
  filter: QueryTree | null;
  rules: Array<{ identifier: string; level: string; query: QueryTree }>;
};

export async function recomputeScorecard(db: Db, data: ScorecardRecomputeData, options: RecomputeOptions = {}): Promise<RecomputeOutcome> {
  const { teamId, scorecardId, generation } = data;
  const [started] = await runSql(db, startRecomputeSql(teamId, scorecardId, generation), startedRow);
  if (!started) return 'superseded';
  const raw = started as StartedDefinition & { blueprint_id: string; schema: unknown };
  const definition = currentDefinition(raw.levels, raw.filter, raw.rules);
  const typed = await typeDefinition(db, teamId, started.blueprint_id, started.schema, definition);
  const target = { teamId, blueprintId: started.blueprint_id, scorecardId, generation };
  // Chunks are identifier ranges fixed up front, so several can be evaluated at once.
  const bounds = (await runSql(db, chunkBoundsSql(target, options.chunkSize ?? RECOMPUTE_CHUNK), boundRow)).map((b) => b.identifier);
  const ranges = [...bounds, null].map((upTo, k) => ({ after: k === 0 ? null : bounds[k - 1], upTo }));
  const chunks = options.stopAfterChunks === undefined ? ranges : ranges.slice(0, options.stopAfterChunks);
  let next = 0;
  let superseded = false;
  const worker = async () => {
    while (!superseded && next < chunks.length) {
      const { after, upTo } = chunks[next++];
      const wanted = await db.$transaction(
        async (tx) => {
          const rows = await runSql(tx, lockChunkSql(target, after, upTo), chunkRow);
          if (rows.length > 0)
            await execSql(
              tx,
              scoreEntitiesSql(
                target,
                typed,
                rows.map((r) => r.id),
                null,
              ),
            );
          const progress = await runSql(tx, recordProgressSql(teamId, scorecardId, generation, rows.length), progressRow);
          return progress.length > 0;
        },
        { timeout: 120_000 },
      );
      if (!wanted) superseded = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? RECOMPUTE_PARALLEL) }, worker));
  if (superseded) return 'superseded';
  if (chunks.length < ranges.length) return 'paused';
  // The chunks are committed: marked all-visible and analyzed before the flip makes them the ones
  // read. A failure here (a statement timeout on a huge table) leaves it to autovacuum.
  await execSql(db, vacuumResultsSql()).catch((err: unknown) => log().warn({ err }, 'vacuum of scorecard_results before a flip failed'));
  return flip(db, data, definition);
}

/**
 * The one transaction that makes the generation live (or finds it superseded). The old
 * generation's rows go after it commits: reads never look at them once live_generation moved, so
 * the scorecard's row lock is not held while 100k of them are deleted (a retry, or the next flip,
 * removes what a crash left).
 */
async function flip(db: Db, data: ScorecardRecomputeData, definition: Definition): Promise<RecomputeOutcome> {
  const { teamId, scorecardId, generation } = data;
  const outcome = await db.$transaction(
    async (tx): Promise<RecomputeOutcome> => {
      const [row] = await runSql(tx, lockScorecardSql(teamId, scorecardId), lockedScorecardRow);
      if (!row || row.target_generation !== generation || row.live_generation >= generation) return 'superseded';
      const live = row.live_definition as Definition | null;
      // The same definition computed again: the blueprint's schema is what changed.
      const cause = live && sameJson(live, definition) ? 'schema_changed' : 'scorecard_changed';
      const from = { generation: row.live_generation, levels: live?.levels ?? [] };
      await execSql(tx, flipHistorySql({ teamId, scorecardId }, from, { generation, levels: definition.levels }, cause));
      await execSql(tx, flipSql(teamId, scorecardId, generation, definition));
      // Each chunk appended its counts: folded once here, the first summary reads a row per key.
      await execSql(tx, compactCountsSql({ teamId, scorecardId, generation }));
      return 'live';
    },
    { timeout: 120_000 },
  );
  if (outcome === 'live') {
    await db.$transaction(
      async (tx) => {
        await execSql(tx, dropOlderGenerationsSql(teamId, scorecardId, generation));
        await execSql(tx, dropOlderCountsSql(teamId, scorecardId, generation));
      },
      { timeout: 120_000 },
    );
  }
  return outcome;
}

export const scorecardRecomputeJob: JobDefinition<ScorecardRecomputeData> = {
  name: SCORECARD_RECOMPUTE_JOB,
  async run(data) {
    await recomputeScorecard(getDb(), data);
  },
  // Generations recorded but never computed (the kick after commit never arrived).
  async sweep() {
    for (const row of await runSql(getDb(), pendingRecomputesSql(), pendingRow)) {
      await kickScorecardRecompute({ teamId: row.team_id, scorecardId: row.id, generation: row.target_generation });
    }
  },
};
