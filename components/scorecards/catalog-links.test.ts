import { describe, expect, it } from 'vitest';
import { levelHref, ruleHref, scoredHref } from './catalog-links';

const where = { team: 'acme', blueprint: 'service', scorecard: 'prod' };
const filterOf = (href: string) => JSON.parse(new URL(href, 'http://x').searchParams.get('filter')!);

describe('links from the dashboard into the catalog', () => {
  it('filter the table to one level, one rule passing or failing, or every scored entity', () => {
    expect(levelHref(where, 'Gold').startsWith('/t/acme/blueprints/service?')).toBe(true);
    expect(filterOf(levelHref(where, 'Gold'))).toEqual({ and: [['$scorecard.prod', '=', 'Gold']] });
    expect(filterOf(ruleHref(where, 'owner', false))).toEqual({ and: [['$scorecard.prod.owner', '=', false]] });
    const all = scoredHref(where, ['Basic', 'Gold']);
    expect(filterOf(all)).toEqual({ and: [['$scorecard.prod', 'in', ['Basic', 'Gold']]] });
    expect(new URL(all, 'http://x').searchParams.get('sort')).toBe('$scorecard.prod');
  });

  it('keep the dashboard query beside the scorecard rule', () => {
    const base = { combinator: 'or' as const, rules: [{ property: 'tier', operator: '=' as const, value: 1 }] };
    expect(filterOf(levelHref({ ...where, base }, 'Gold'))).toEqual({
      and: [{ or: [['tier', '=', 1]] }, ['$scorecard.prod', '=', 'Gold']],
    });
  });
});
