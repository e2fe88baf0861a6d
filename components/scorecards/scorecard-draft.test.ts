import { describe, expect, it } from 'vitest';
import { addLevel, changeLevel, changeRule, changeTitle, moveLevel, moveRule, removeLevel } from './draft-edits';
import { bodyOf, draftFromView, draftProblems, errorKey, previewBodyOf } from './scorecard-draft';
import type { ScorecardView } from './scorecard-types';

const VIEW: ScorecardView = {
  identifier: 'prod',
  blueprint: 'service',
  title: 'Production readiness',
  description: null,
  levels: [
    { name: 'Basic', color: '#94a3b8' },
    { name: 'Silver', color: '#64748b' },
    { name: 'Gold', color: '#ca8a04' },
  ],
  filter: { combinator: 'and', rules: [{ property: 'tier', operator: '<=', value: 2 }] },
  rules: [
    {
      identifier: 'owner',
      title: 'Has an owner',
      description: null,
      level: 'Silver',
      query: { combinator: 'and', rules: [{ property: 'owner', operator: 'isNotEmpty' }] },
    },
    {
      identifier: 'linked',
      title: 'Runs on a cluster',
      description: 'Deployed somewhere',
      level: 'Gold',
      query: { combinator: 'and', rules: [{ operator: 'relatedTo', blueprint: 'cluster', value: ['eu-1'], direction: 'upstream' }] },
    },
  ],
  computed_at: null,
  recomputing: false,
  progress: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('the scorecard draft', () => {
  it('round-trips a scorecard view into the same body, relatedTo rules included', () => {
    const body = bodyOf(draftFromView(VIEW), false);
    expect(body).toEqual({
      title: VIEW.title,
      description: null,
      levels: VIEW.levels,
      filter: VIEW.filter,
      rules: [
        { ...VIEW.rules[0] },
        { ...VIEW.rules[1], query: { combinator: 'and', rules: [{ ...(VIEW.rules[1].query.rules[0] as object), max_hops: 1 }] } },
      ],
    });
  });

  it('keeps each rule on its level through a rename and a reorder of the levels', () => {
    let draft = draftFromView(VIEW);
    const [, silver, gold] = draft.levels;
    draft = changeLevel(draft, silver.key, { name: 'Argent' });
    draft = moveLevel(draft, gold.key, -1);
    const body = bodyOf(draft, false);
    expect(body.levels.map((l) => l.name)).toEqual(['Basic', 'Gold', 'Argent']);
    expect(body.rules.map((r) => r.level)).toEqual(['Argent', 'Gold']);
  });

  it('leaves the rules of a removed level without one, and never goes under two levels', () => {
    let draft = draftFromView(VIEW);
    draft = removeLevel(draft, draft.levels[2].key);
    expect(draftProblems(draft, false).get('rules.1.level')).toMatch(/Pick a level/);
    draft = removeLevel(draft, draft.levels[1].key);
    expect(draft.levels).toHaveLength(2);
    expect(addLevel(draft).levels).toHaveLength(3);
  });

  it('suggests identifiers from titles until one is typed', () => {
    let draft = changeTitle(draftFromView(null), 'Production Readiness!');
    expect(draft.identifier).toBe('production-readiness');
    const key = draft.rules[0].key;
    draft = changeRule(draft, key, { title: 'Has a runbook' });
    expect(draft.rules[0].identifier).toBe('has_a_runbook');
    draft = changeRule(draft, key, { identifier: 'runbook' });
    draft = changeRule(draft, key, { title: 'Runbook linked' });
    expect(draft.rules[0].identifier).toBe('runbook');
  });

  it('names rules by position in the preview body and refuses levels it cannot evaluate', () => {
    let draft = draftFromView(VIEW);
    draft = moveRule(draft, draft.rules[1].key, -1);
    expect(previewBodyOf(draft)?.rules.map((r) => (r as { identifier: string }).identifier)).toEqual(['r0', 'r1']);
    expect(previewBodyOf(changeLevel(draft, draft.levels[1].key, { name: 'Basic' }))).toBeNull();
  });

  it('finds the field an API error path names', () => {
    expect(errorKey('rules[2].query.rules[0].operator')).toBe('rules.2.query');
    expect(errorKey('/rules/1/title')).toBe('rules.1.title');
    expect(errorKey('rules[0]')).toBe('rules.0');
    expect(errorKey('/levels/3/color')).toBe('levels.3');
    expect(errorKey('filter.rules[0].value')).toBe('filter');
    expect(errorKey('/identifier')).toBe('identifier');
    expect(errorKey('query')).toBe('');
  });
});
