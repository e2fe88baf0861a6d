import { describe, expect, it } from 'vitest';
import { edgeLabels } from './edge-labels';

describe('edgeLabels', () => {
  it("labels each link with its relation's title, one label per pair of entities", () => {
    const edges = [
      { source: 'a', target: 'b', relation: 'owner', title: 'Owner' },
      { source: 'a', target: 'b', relation: 'depends_on', title: 'Depends on' },
      { source: 'b', target: 'a', relation: 'uses', title: null },
      { source: 'a', target: 'c', relation: 'runs_on', title: 'Runs on' },
    ];
    expect(edgeLabels(edges)).toEqual(['Owner, Depends on, ← uses', undefined, undefined, 'Runs on']);
  });

  it('copes with no links', () => {
    expect(edgeLabels([])).toEqual([]);
  });
});
