import type { Db } from '@/lib/db/prisma';
import { DEFAULT_LEVELS, SCORECARD_LIMITS, type QueryTree, type ScorecardLevel } from '@/lib/domain/scorecard-rules';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { bodySchema, validateBody } from '@/lib/http/request-body';
import { parseGroup } from '@/lib/search/parse-search-body';
import { loadSearchRelations, type SearchRelations } from '@/lib/search/search-relations';
import type { RawGroup, TypedNode } from '@/lib/search/search-types';
import { typeQuery } from '@/lib/search/type-query';
import { scorecardDefinitionSchema } from './scorecard-schemas';

// A scorecard's definition (levels, filter, rules) checked against its blueprint: the one check
// behind POST/PUT/PATCH .../scorecards and the preview (lib/scorecards/evaluate), so a draft the
// preview accepts is exactly one the save accepts.
//
// The filter and every rule's query are parsed and typed by the search's own parser and typer
// (lib/search), relations and relatedTo included, so a scorecard condition means what the same
// query means in the catalog. Their faults are search's 400s with the path prefixed by
// `filter` or `rules[i].query`. The filter and all the conditions share ONE budget of the
// search's limits (rules, list values): the evaluator compiles them into one statement, and the
// limits exist to bound a statement (issue 11). No scorecards context is given to the typer, so a
// condition cannot itself use a scorecard search rule.

type Detail = { path: string; message: string };

/** A rule as checked: its level's rank (>= 1) and its condition typed for the evaluator. */
export type CheckedRule = {
  identifier: string;
  title: string;
  description: string | null;
  level: string;
  levelRank: number;
  query: QueryTree;
  condition: TypedNode;
};

export type CheckedDefinition = {
  levels: ScorecardLevel[];
  filter: QueryTree | null;
  /** The filter typed (null: the scorecard applies to every entity of the blueprint). */
  filterCondition: TypedNode | null;
  rules: CheckedRule[];
};

export type DefinitionInput = { levels?: ScorecardLevel[] | null; filter?: QueryTree | null; rules: unknown[] };

const definitionBody = bodySchema<{ levels?: ScorecardLevel[] | null; filter?: QueryTree | null; rules: RuleInput[] }>(
  scorecardDefinitionSchema,
);
type RuleInput = { identifier: string; title: string; description?: string | null; level: string; query: QueryTree };

function checkLevels(levels: ScorecardLevel[]): ScorecardLevel[] {
  const faults: Detail[] = [];
  const seen = new Map<string, number>();
  const out = levels.map((level, i) => {
    const name = level.name.trim();
    if (name.length === 0 || name.length > SCORECARD_LIMITS.levelNameLength)
      faults.push({ path: `/levels/${i}/name`, message: `must hold 1 to ${SCORECARD_LIMITS.levelNameLength} characters (trimmed)` });
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) faults.push({ path: `/levels/${i}/name`, message: `"${name}" is already the name of level ${first}` });
    else seen.set(key, i);
    return { name, color: level.color };
  });
  if (faults.length) throw new AppError('validation_failed', 'the levels are not valid', faults);
  return out;
}

function checkRules(rules: RuleInput[], levels: ScorecardLevel[]): Array<RuleInput & { levelRank: number }> {
  const faults: Detail[] = [];
  const seen = new Set<string>();
  const names = levels.map((l) => l.name);
  const out = rules.map((rule, i) => {
    if (seen.has(rule.identifier))
      faults.push({ path: `/rules/${i}/identifier`, message: `"${rule.identifier}" names an earlier rule too` });
    seen.add(rule.identifier);
    const level = rule.level.trim();
    const levelRank = names.indexOf(level);
    if (levelRank < 0) faults.push({ path: `/rules/${i}/level`, message: `names no level of the scorecard (levels: ${names.join(', ')})` });
    else if (levelRank === 0)
      faults.push({ path: `/rules/${i}/level`, message: `"${level}" is the first level, which an entity has without passing any rule` });
    return { ...rule, level, levelRank };
  });
  if (faults.length) throw new AppError('validation_failed', 'the rules are not valid', faults);
  return out;
}

/** The filter and the conditions as search trees, parsed under one shared budget of search's limits. */
function parseQueries(filter: QueryTree | null, rules: RuleInput[]): { filter: RawGroup | null; rules: RawGroup[] } {
  const counter = { rules: 0, values: 0 };
  return {
    filter: filter ? parseGroup(filter, 'filter', 1, counter) : null,
    rules: rules.map((rule, i) => parseGroup(rule.query, `rules[${i}].query`, 1, counter)),
  };
}

/** Every tree in one group, so that their relations (hops, relatedTo blueprints) load in one go. */
function allQueries(filter: RawGroup | null, rules: RawGroup[]): RawGroup {
  return { combinator: 'and', rules: filter ? [filter, ...rules] : rules, path: '' };
}

export async function loadDefinitionRelations(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  blueprintId: string,
  filter: RawGroup | null,
  rules: RawGroup[],
): Promise<SearchRelations> {
  return loadSearchRelations(db, teamId, blueprintId, allQueries(filter, rules));
}

/**
 * The definition checked and typed against the blueprint (`db` may be a transaction: the
 * relations are read in it). Throws 422 (levels, rules: JSON pointers) or 400 (queries: search
 * paths under `filter` / `rules[i].query`). Absent or null `levels`: DEFAULT_LEVELS.
 */
export async function checkScorecardDefinition(
  db: Db | Prisma.TransactionClient,
  teamId: string,
  blueprint: { id: string; schema: unknown },
  input: DefinitionInput,
  now = new Date(),
): Promise<CheckedDefinition> {
  // null levels and filter mean "absent" (the defaults); the schema is checked without them.
  const { levels: givenLevels, filter: givenFilter, ...rest } = input;
  const given = { ...rest, ...(givenLevels ? { levels: givenLevels } : {}), ...(givenFilter ? { filter: givenFilter } : {}) };
  const body = validateBody(definitionBody, given);
  const levels = checkLevels(body.levels ?? DEFAULT_LEVELS.map((l) => ({ ...l })));
  const rules = checkRules(body.rules, levels);
  const filter = body.filter ?? null;
  const parsed = parseQueries(filter, rules);
  const relations = await loadDefinitionRelations(db, teamId, blueprint.id, parsed.filter, parsed.rules);
  const filterCondition = typeQuery(parsed.filter, blueprint.schema, now, relations);
  return {
    levels,
    filter,
    filterCondition,
    rules: rules.map((rule, i) => ({
      identifier: rule.identifier,
      title: rule.title,
      description: rule.description ?? null,
      level: rule.level,
      levelRank: rule.levelRank,
      query: rule.query,
      condition: typeQuery(parsed.rules[i], blueprint.schema, now, relations)!,
    })),
  };
}
