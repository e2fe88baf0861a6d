import { emptyGroup, type Group } from '@/lib/catalog-view/rule-tree';
import {
  DEFAULT_LEVELS,
  LEVEL_COLOR,
  RULE_IDENTIFIER,
  SCORECARD_IDENTIFIER,
  SCORECARD_LIMITS,
  type QueryTree,
  type ScorecardLevel,
} from '@/lib/domain/scorecard-rules';
import { slugify } from '@/lib/web/slugify';
import { fromApiTree, isEmptyTree, toApiTree } from './scorecard-query';
import type { ScorecardView } from './scorecard-types';

// The editor's working copy of a scorecard. Levels and rules carry a key of their own, so a rule
// keeps its level through a rename or a reorder of the levels, and React keeps each row's focus.

export type LevelDraft = { key: string; name: string; color: string };
export type RuleDraft = {
  key: string;
  identifier: string;
  /** Until a person types an identifier, it follows the title. */
  identifierTouched: boolean;
  title: string;
  description: string;
  /** The key of the rule's level ('' until one is picked). */
  level: string;
  query: Group;
};
export type ScorecardDraft = {
  identifier: string;
  identifierTouched: boolean;
  title: string;
  description: string;
  levels: LevelDraft[];
  filter: Group;
  rules: RuleDraft[];
};

// Keys of a loaded draft come from positions, so the server's render and the browser's agree
// (hydration); rows added later get keys from a counter, in the browser only.
let counter = 0;
export const newKey = (prefix: string) => `${prefix}n${(counter += 1)}`;

/** "Production readiness" -> "production-readiness" (a valid identifier, or '' if none can be made). */
export function suggestIdentifier(title: string): string {
  const slug = slugify(title);
  return SCORECARD_IDENTIFIER.test(slug) ? slug : '';
}

export function blankRule(level = '', key = newKey('r')): RuleDraft {
  return { key, identifier: '', identifierTouched: false, title: '', description: '', level, query: emptyGroup() };
}

export function draftFromView(view: ScorecardView | null): ScorecardDraft {
  const levels = (view?.levels ?? DEFAULT_LEVELS).map((l, i) => ({ key: `l${i}`, ...l }));
  const keyOf = new Map(levels.map((l) => [l.name, l.key]));
  if (!view) {
    return {
      identifier: '',
      identifierTouched: false,
      title: '',
      description: '',
      levels,
      filter: emptyGroup(),
      rules: [blankRule(levels[1]?.key, 'r0')],
    };
  }
  return {
    identifier: view.identifier,
    identifierTouched: true,
    title: view.title,
    description: view.description ?? '',
    levels,
    filter: fromApiTree(view.filter),
    rules: view.rules.map((r, i) => ({
      key: `r${i}`,
      identifier: r.identifier,
      identifierTouched: true,
      title: r.title,
      description: r.description ?? '',
      level: keyOf.get(r.level) ?? '',
      query: fromApiTree(r.query),
    })),
  };
}

export type ScorecardBody = {
  identifier?: string;
  title: string;
  description: string | null;
  levels: ScorecardLevel[];
  filter: QueryTree | null;
  rules: Array<{ identifier: string; title: string; description: string | null; level: string; query: QueryTree }>;
};

/** The body of POST (with the identifier) or PUT (without: the URL names it). */
export function bodyOf(draft: ScorecardDraft, withIdentifier: boolean): ScorecardBody {
  const nameOf = new Map(draft.levels.map((l) => [l.key, l.name.trim()]));
  return {
    ...(withIdentifier && { identifier: draft.identifier }),
    title: draft.title.trim(),
    description: draft.description.trim() || null,
    levels: draft.levels.map((l) => ({ name: l.name.trim(), color: l.color })),
    filter: isEmptyTree(draft.filter) ? null : toApiTree(draft.filter),
    rules: draft.rules.map((r) => ({
      identifier: r.identifier,
      title: r.title.trim(),
      description: r.description.trim() || null,
      level: nameOf.get(r.level) ?? '',
      query: toApiTree(r.query),
    })),
  };
}

/**
 * What the preview route is sent: the draft's levels, filter and rules, each rule named by its
 * position (`r0`, `r1`...), so a rule without a valid identifier yet still gets its counts.
 * Null when the levels cannot be evaluated yet (an empty or repeated name).
 */
export function previewBodyOf(draft: ScorecardDraft): { filter: QueryTree | null; levels: ScorecardLevel[]; rules: unknown[] } | null {
  const body = bodyOf(draft, false);
  const names = body.levels.map((l) => l.name);
  if (names.some((n) => !n) || new Set(names).size !== names.length) return null;
  const first = names[0];
  const rules = body.rules.map((r, i) => ({ identifier: `r${i}`, title: r.title || `Rule ${i + 1}`, level: r.level, query: r.query }));
  if (rules.some((r) => !r.level || r.level === first)) return null;
  return { filter: body.filter, levels: body.levels, rules };
}

/** What the browser can tell before asking the server, by the editor's error keys (see errorKey). */
export function draftProblems(draft: ScorecardDraft, creating: boolean): Map<string, string> {
  const problems = new Map<string, string>();
  if (creating && !SCORECARD_IDENTIFIER.test(draft.identifier))
    problems.set('identifier', 'Lower-case letters, digits, - and _, starting with a letter (at most 50)');
  if (!draft.title.trim()) problems.set('title', 'A scorecard needs a title');
  const seen = new Set<string>();
  draft.levels.forEach((l, i) => {
    const name = l.name.trim();
    if (!name) problems.set(`levels.${i}`, 'A level needs a name');
    else if (seen.has(name)) problems.set(`levels.${i}`, `Two levels are named "${name}"`);
    else if (name.length > SCORECARD_LIMITS.levelNameLength) problems.set(`levels.${i}`, 'At most 50 characters');
    else if (!LEVEL_COLOR.test(l.color)) problems.set(`levels.${i}`, 'Pick a colour');
    seen.add(name);
  });
  const ids = new Set<string>();
  draft.rules.forEach((r, i) => {
    if (!RULE_IDENTIFIER.test(r.identifier))
      problems.set(`rules.${i}.identifier`, 'Lower-case letters, digits, - and _, starting with a letter');
    else if (ids.has(r.identifier)) problems.set(`rules.${i}.identifier`, 'Another rule has this identifier');
    ids.add(r.identifier);
    if (!r.title.trim()) problems.set(`rules.${i}.title`, 'A rule needs a title');
    const level = draft.levels.findIndex((l) => l.key === r.level);
    if (level < 1) problems.set(`rules.${i}.level`, 'Pick a level above the first');
  });
  return problems;
}

/**
 * An error path of the API (a 400's `details.path` such as `rules[2].query.rules[0].operator`,
 * or a 422 detail's JSON pointer `/rules/2/title`) as the editor's key of the field it names:
 * `identifier`, `title`, `description`, `levels.N`, `filter`, `rules.N.<field>` (`query` for the
 * condition) or `rules.N`; '' when it names nothing the editor shows.
 */
export function errorKey(path: string): string {
  const parts = path.split(/[.[\]/]+/).filter(Boolean);
  const [head, index, field] = parts;
  if (head === 'rules' && index !== undefined && /^\d+$/.test(index)) return field ? `rules.${index}.${field}` : `rules.${index}`;
  if (head === 'levels') return index !== undefined && /^\d+$/.test(index) ? `levels.${index}` : 'levels';
  if (head === 'identifier' || head === 'title' || head === 'description' || head === 'filter' || head === 'rules') return head;
  return '';
}
