import { describe, expect, it } from 'vitest';
import { COMPACT_NODE_SIZE, layerGapFor, layoutGraph, NODE_SIZE, type NodeSize } from './layout-graph';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }, size: NodeSize = NODE_SIZE) =>
  Math.abs(a.x - b.x) < size.width && Math.abs(a.y - b.y) < size.height;
const extent = (placed: Array<{ x: number; y: number }>, size: NodeSize) => ({
  width: Math.max(...placed.map((p) => p.x)) - Math.min(...placed.map((p) => p.x)) + size.width,
  height: Math.max(...placed.map((p) => p.y)) - Math.min(...placed.map((p) => p.y)) + size.height,
});

describe('layoutGraph', () => {
  it('leaves room between layers for the longest link label', () => {
    const gap = layerGapFor('Owned by, Supported by'.length);
    expect(gap).toBeGreaterThan('Owned by, Supported by'.length * 6);
    expect(layerGapFor(0)).toBe(layerGapFor(3));
    const [a, b] = layoutGraph([{ id: 'a' }, { id: 'b' }], [{ source: 'a', target: 'b' }], NODE_SIZE, gap);
    expect(b.x - (a.x + NODE_SIZE.width)).toBeGreaterThanOrEqual(gap);
  });

  it('places a chain left to right, in link order', () => {
    const placed = layoutGraph(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
      ],
    );
    expect(placed.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(placed[0].x).toBeLessThan(placed[1].x);
    expect(placed[1].x).toBeLessThan(placed[2].x);
  });

  it('lays out 200 nodes with cycles and self links without any overlap, links pointing right where acyclic', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => ({ id: `n${i}` }));
    // A tree (each node links to its parent), some cross links, a cycle and a self link.
    const edges = nodes.slice(1).map((n, i) => ({ source: n.id, target: `n${Math.floor(i / 4)}` }));
    edges.push({ source: 'n0', target: 'n150' }, { source: 'n7', target: 'n7' }, { source: 'n9', target: 'n3' });
    const placed = layoutGraph(nodes, edges);
    expect(placed).toHaveLength(200);
    for (let i = 0; i < placed.length; i++) {
      expect(Number.isFinite(placed[i].x) && Number.isFinite(placed[i].y)).toBe(true);
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j]), `${placed[i].id} / ${placed[j].id}`).toBe(false);
    }
    const at = new Map(placed.map((p) => [p.id, p]));
    const tree = edges.slice(0, 199);
    const rightwards = tree.filter((e) => at.get(e.source)!.x < at.get(e.target)!.x).length;
    expect(rightwards / tree.length).toBeGreaterThan(0.95); // dagre reverses a few links to break the cycle
  });

  it('folds a 180-node layer into columns, so a system, its 12 services and 180 components fit a laptop screen legibly', () => {
    const nodes = [
      { id: 'platform' },
      ...Array.from({ length: 12 }, (_, i) => ({ id: `s${i}` })),
      ...Array.from({ length: 180 }, (_, i) => ({ id: `c${i}` })),
    ];
    const edges = [
      ...Array.from({ length: 12 }, (_, i) => ({ source: `s${i}`, target: 'platform' })),
      ...Array.from({ length: 180 }, (_, i) => ({ source: `c${i}`, target: `s${i % 12}` })),
    ];
    const placed = layoutGraph(nodes, edges, COMPACT_NODE_SIZE);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j], COMPACT_NODE_SIZE)).toBe(false);
    const { width, height } = extent(placed, COMPACT_NODE_SIZE);
    // Fitted into 1100 x 600, a node's 13px title stays at least 7px tall (one tall column would be 0.1x).
    expect(Math.min(1100 / width, 600 / height)).toBeGreaterThan(0.5);
    // Still layered: components left of their services, services left of the platform.
    const at = new Map(placed.map((p) => [p.id, p]));
    for (const e of edges) expect(at.get(e.source)!.x).toBeLessThan(at.get(e.target)!.x);
  });

  it("keeps dagre's placement when no layer is too tall", () => {
    const placed = layoutGraph(
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'c' },
      ],
    );
    expect(placed[1].x).toBe(placed[2].x);
    expect(Math.abs(placed[1].y - placed[2].y)).toBeGreaterThanOrEqual(NODE_SIZE.height);
  });

  it('ignores links to nodes it was not given', () => {
    expect(layoutGraph([{ id: 'a' }], [{ source: 'a', target: 'zz' }])).toHaveLength(1);
  });
});

describe('blueprintColors', () => {
  it('gives distinct colours while the palette lasts, the same for the same ids', async () => {
    const { blueprintColors } = await import('./blueprint-colors');
    const ids = ['service', 'cluster', 'database', 'team', 'queue', 'api'];
    const colors = blueprintColors(ids);
    expect(new Set(colors.values()).size).toBe(ids.length);
    expect(blueprintColors([...ids].reverse())).toEqual(colors);
  });
});
