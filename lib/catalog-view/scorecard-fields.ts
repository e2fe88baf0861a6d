import { ownValue } from '@/lib/domain/own-keys';
import { LEVEL_OPERATORS, RULE_RESULT_OPERATORS, SCORECARD_KEY_PREFIX } from '@/lib/domain/scorecard-operators';
import type { ScorecardLevel } from '@/lib/domain/scorecard-rules';
import type { Operator } from '@/lib/domain/operators';
import type { Field } from './fields';

// The catalog's scorecard fields (areas contract): `$scorecard.<sc>`, the entity's level (a
// column with a coloured badge, a sort, a filter with =, !=, in, notIn, >=, <= over the level
// names) and `$scorecard.<sc>.<rule>`, whether a rule passes (a filter: yes / no). Identifiers of
// scorecards and rules have no dots, so a key names one of them without ambiguity. The search
// route takes them as {scorecard, rule?, operator, value} rules and `$scorecard.<sc>` sort keys.

export { SCORECARD_KEY_PREFIX };

/** What the catalog page loads per scorecard (lib/scorecards/list-scorecard-fields.ts). */
export type ScorecardFieldInfo = {
  identifier: string;
  title: string;
  levels: ScorecardLevel[];
  rules: Array<{ identifier: string; title: string }>;
};

export function scorecardFieldsOf(scorecards: ScorecardFieldInfo[]): Field[] {
  return scorecards.flatMap((sc) => [
    {
      key: `${SCORECARD_KEY_PREFIX}${sc.identifier}`,
      label: sc.title,
      kind: 'scorecardLevel' as const,
      options: sc.levels.map((l) => l.name),
      levels: sc.levels,
      scorecard: sc.identifier,
    },
    ...sc.rules.map((rule) => ({
      key: `${SCORECARD_KEY_PREFIX}${sc.identifier}.${rule.identifier}`,
      label: `${sc.title} › ${rule.title}`,
      kind: 'scorecardRule' as const,
      scorecard: sc.identifier,
    })),
  ]);
}

/** The operators of a scorecard field, as the search route accepts them (lib/domain/scorecard-operators.ts). */
export function scorecardOperators(field: Pick<Field, 'kind'>): Operator[] {
  return field.kind === 'scorecardLevel' ? [...LEVEL_OPERATORS] : [...RULE_RESULT_OPERATORS];
}

/** `$scorecard.<sc>` or `$scorecard.<sc>.<rule>` as its parts (null for any other key). */
export function parseScorecardKey(key: string): { scorecard: string; rule?: string } | null {
  if (!key.startsWith(SCORECARD_KEY_PREFIX)) return null;
  const [scorecard, rule, ...rest] = key.slice(SCORECARD_KEY_PREFIX.length).split('.');
  if (!scorecard || rest.length || rule === '') return null;
  return rule === undefined ? { scorecard } : { scorecard, rule };
}

/** A builder rule on a scorecard field as the search route's scorecard rule. */
export function toScorecardRule(rule: { property: string; operator: Operator; value?: unknown }): unknown {
  const parts = parseScorecardKey(rule.property);
  if (!parts) return rule;
  return { ...parts, operator: rule.operator, value: rule.value };
}

/** The entity's level in the field's scorecard with its colour (null: none), from ?include=scorecards. */
export function levelOf(entity: { scorecards?: unknown }, field: Pick<Field, 'scorecard' | 'levels'>): ScorecardLevel | null {
  const result = field.scorecard ? ownValue<{ level?: unknown }>(entity.scorecards, field.scorecard) : undefined;
  if (typeof result?.level !== 'string') return null;
  const name = result.level;
  return field.levels?.find((l) => l.name === name) ?? { name, color: '#94a3b8' };
}
