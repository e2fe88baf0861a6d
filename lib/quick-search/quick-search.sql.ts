import { rowDecoderFor } from '@/lib/db/decode-row';
import { Prisma } from '@/lib/generated/prisma/client';

// The Ctrl/Cmd-K search over all of a team's entities by identifier and title.
//
// Index: `%text%` is served by the pg_trgm GIN indexes on entities.identifier and entities.title
// (migrations-sql/0007, the search issue) as a BitmapOr, then filtered on team_id; a text of one
// or two characters has no trigram and the planner walks the team's rows on idx_entities_recent
// (team_id, ...) instead. Either way the LIMIT keeps the sort small.

/** `%` and `_` match themselves in the pattern, and so does the escape character itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type QuickSearchRow = { blueprint: string; identifier: string; title: string | null };
export const quickSearchRow = rowDecoderFor<QuickSearchRow>()({ blueprint: 'text', identifier: 'text', title: 'text?' });

/**
 * Matches ranked: the exact identifier, then identifiers and titles that begin with the text,
 * then any substring match; shorter identifiers first within a rank (the closer match).
 */
export function quickSearchSql(teamId: string, text: string, limit: number): Prisma.Sql {
  const escaped = escapeLike(text);
  const contains = `%${escaped}%`;
  const prefix = `${escaped}%`;
  return Prisma.sql`
    SELECT blueprint_id AS blueprint, identifier, title
    FROM entities
    WHERE team_id = ${teamId}::uuid
      AND (identifier ILIKE ${contains} ESCAPE '\\' OR title ILIKE ${contains} ESCAPE '\\')
    ORDER BY
      CASE
        WHEN lower(identifier) = lower(${text}) THEN 0
        WHEN identifier ILIKE ${prefix} ESCAPE '\\' THEN 1
        WHEN title ILIKE ${prefix} ESCAPE '\\' THEN 2
        ELSE 3
      END,
      length(identifier), identifier, blueprint_id
    LIMIT ${limit}`;
}
