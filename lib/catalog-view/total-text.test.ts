import { describe, expect, it } from 'vitest';
import { rangeText, totalText } from './total-text';

describe('totalText', () => {
  it('says exact, capped and estimated totals differently', () => {
    expect(totalText({ total: 1, total_relation: 'eq' })).toBe('1 entity');
    expect(totalText({ total: 1234, total_relation: 'eq' })).toBe('1,234 entities');
    expect(totalText({ total: 10000, total_relation: 'gte' })).toBe('10,000+ entities');
    expect(totalText({ total: 52000, total_relation: 'estimate' })).toBe('about 52,000 entities');
  });
});

describe('rangeText', () => {
  it('places the page in the whole, in the words of the total', () => {
    expect(rangeText(0, 50, 50, { total: 12340, total_relation: 'eq' })).toBe('1–50 of 12,340');
    expect(rangeText(246, 50, 40, { total: 12340, total_relation: 'eq' })).toBe('12,301–12,340 of 12,340');
    expect(rangeText(1, 50, 50, { total: 10000, total_relation: 'gte' })).toBe('51–100 of 10,000+');
    expect(rangeText(0, 25, 25, { total: 52000, total_relation: 'estimate' })).toBe('1–25 of about 52,000');
  });
});
