import { describe, expect, it } from 'vitest';
import { floorEstimate } from './search-entities';

describe('floorEstimate', () => {
  it('raises an estimate below what the page proves to "at least" that many, and leaves the rest alone', () => {
    expect(floorEstimate({ total: 3, relation: 'estimate' }, 51)).toEqual({ total: 51, relation: 'gte' });
    expect(floorEstimate({ total: 900, relation: 'estimate' }, 51)).toEqual({ total: 900, relation: 'estimate' });
    expect(floorEstimate({ total: 7, relation: 'eq' }, 7)).toEqual({ total: 7, relation: 'eq' });
    expect(floorEstimate({ total: 10_000, relation: 'gte' }, 51)).toEqual({ total: 10_000, relation: 'gte' });
  });
});
