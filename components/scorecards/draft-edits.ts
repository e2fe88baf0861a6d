import { SCORECARD_LIMITS } from '@/lib/domain/scorecard-rules';
import { blankRule, newKey, suggestIdentifier, type LevelDraft, type RuleDraft, type ScorecardDraft } from './scorecard-draft';

// The editor's changes to its draft, as pure functions (each returns a new draft), so the rules
// they keep (a rule keeps its level through a rename or a move; at least two levels) are tested
// without a browser.

const PALETTE = ['#0ea5e9', '#10b981', '#8b5cf6', '#ef4444', '#f97316', '#14b8a6'];

function move<T>(list: T[], index: number, delta: number): T[] {
  const to = index + delta;
  if (index < 0 || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

export function addLevel(draft: ScorecardDraft): ScorecardDraft {
  if (draft.levels.length >= SCORECARD_LIMITS.maxLevels) return draft;
  const taken = new Set(draft.levels.map((l) => l.name));
  let n = draft.levels.length + 1;
  while (taken.has(`Level ${n}`)) n += 1;
  const color = PALETTE[draft.levels.length % PALETTE.length];
  return { ...draft, levels: [...draft.levels, { key: newKey('l'), name: `Level ${n}`, color }] };
}

/** Rules of a removed level are left without one (the editor asks to pick another). */
export function removeLevel(draft: ScorecardDraft, key: string): ScorecardDraft {
  if (draft.levels.length <= SCORECARD_LIMITS.minLevels) return draft;
  return {
    ...draft,
    levels: draft.levels.filter((l) => l.key !== key),
    rules: draft.rules.map((r) => (r.level === key ? { ...r, level: '' } : r)),
  };
}

export function moveLevel(draft: ScorecardDraft, key: string, delta: -1 | 1): ScorecardDraft {
  return {
    ...draft,
    levels: move(
      draft.levels,
      draft.levels.findIndex((l) => l.key === key),
      delta,
    ),
  };
}

export function changeLevel(draft: ScorecardDraft, key: string, patch: Partial<Omit<LevelDraft, 'key'>>): ScorecardDraft {
  return { ...draft, levels: draft.levels.map((l) => (l.key === key ? { ...l, ...patch } : l)) };
}

/** A new rule at the lowest level that can hold one (the second), as the first thing to reach. */
export function addRule(draft: ScorecardDraft): ScorecardDraft {
  if (draft.rules.length >= SCORECARD_LIMITS.maxRules) return draft;
  return { ...draft, rules: [...draft.rules, blankRule(draft.levels[1]?.key ?? '')] };
}

export function removeRule(draft: ScorecardDraft, key: string): ScorecardDraft {
  return { ...draft, rules: draft.rules.filter((r) => r.key !== key) };
}

export function moveRule(draft: ScorecardDraft, key: string, delta: -1 | 1): ScorecardDraft {
  return {
    ...draft,
    rules: move(
      draft.rules,
      draft.rules.findIndex((r) => r.key === key),
      delta,
    ),
  };
}

/** A change to one rule; its identifier follows its title until a person types one. */
export function changeRule(draft: ScorecardDraft, key: string, patch: Partial<Omit<RuleDraft, 'key'>>): ScorecardDraft {
  return {
    ...draft,
    rules: draft.rules.map((r) => {
      if (r.key !== key) return r;
      const next = { ...r, ...patch };
      if ('identifier' in patch) next.identifierTouched = true;
      else if ('title' in patch && !r.identifierTouched) next.identifier = suggestIdentifier(patch.title ?? '').replace(/-/g, '_');
      return next;
    }),
  };
}

/** The scorecard's title; its identifier follows until a person types one (creating only). */
export function changeTitle(draft: ScorecardDraft, title: string): ScorecardDraft {
  return draft.identifierTouched ? { ...draft, title } : { ...draft, title, identifier: suggestIdentifier(title) };
}
