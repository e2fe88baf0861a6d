import { isGroup, type Group, type Node } from '@/lib/catalog-view/rule-tree';
import { DEFAULT_VIEW, viewHref, type Sort } from '@/lib/catalog-view/view-state';

// Every number on the dashboard is a link into the catalog table filtered to exactly the entities
// it counts (issue 12). The catalog's field keys for scorecards (areas.md): `$scorecard.<sc>` is
// the level (=, !=, in, notIn, >=, <=; a level name), `$scorecard.<sc>.<rule>` whether a rule
// passes (= true / false). An entity the scorecard does not apply to has no level, so "every
// entity the scorecard counts" is "level in [all levels]".

export const levelKey = (scorecard: string) => `$scorecard.${scorecard}`;
export const ruleKey = (scorecard: string, rule: string) => `$scorecard.${scorecard}.${rule}`;

/** `extra` rules ANDed with the dashboard's own query (the summary's optional `?query=`). */
function withBase(rules: Node[], base: Group | null): Group {
  let kept: Node[] = [];
  if (base && isGroup(base) && base.rules.length) kept = base.combinator === 'and' ? base.rules : [base];
  return { combinator: 'and', rules: [...kept, ...rules] };
}

function catalogHref(team: string, blueprint: string, query: Group, sort: Sort | null = null): string {
  const path = `/t/${encodeURIComponent(team)}/blueprints/${encodeURIComponent(blueprint)}`;
  return viewHref(path, { ...DEFAULT_VIEW, query, sort });
}

type Where = { team: string; blueprint: string; scorecard: string; base?: Group | null };

/** The entities at one level. */
export function levelHref({ team, blueprint, scorecard, base = null }: Where, level: string): string {
  return catalogHref(team, blueprint, withBase([{ property: levelKey(scorecard), operator: '=', value: level }], base));
}

/** Every entity the scorecard applies to (all its levels), lowest level first. */
export function scoredHref({ team, blueprint, scorecard, base = null }: Where, levels: string[]): string {
  const rule: Node = { property: levelKey(scorecard), operator: 'in', value: levels };
  return catalogHref(team, blueprint, withBase([rule], base), { property: levelKey(scorecard), order: 'asc' });
}

/** The entities that pass (or fail) one rule. */
export function ruleHref({ team, blueprint, scorecard, base = null }: Where, rule: string, passed: boolean): string {
  return catalogHref(team, blueprint, withBase([{ property: ruleKey(scorecard, rule), operator: '=', value: passed }], base));
}
