import { describe, expect, it } from 'vitest';
import { totalText } from './total-text';

describe('totalText', () => {
  it('says exact, capped and estimated totals differently', () => {
    expect(totalText({ total: 1, total_relation: 'eq' })).toBe('1 entity');
    expect(totalText({ total: 1234, total_relation: 'eq' })).toBe('1,234 entities');
    expect(totalText({ total: 10000, total_relation: 'gte' })).toBe('10,000+ entities');
    expect(totalText({ total: 52000, total_relation: 'estimate' })).toBe('about 52,000 entities');
  });
});
