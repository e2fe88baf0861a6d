import dagre from '@dagrejs/dagre';

// The dependency graph's layout: layered, left to right, by dagre. A link points from the entity
// that depends (left) to what it depends on (right), so upstream reads rightwards and downstream
// leftwards. Pure (no React), so it is unit-tested: no two nodes overlap, links go right.
//
// A plain layered layout fails on the shape catalogs have most: one system, a dozen services,
// two hundred components, which puts 180 nodes in one column, a strip too thin to read once it
// is fitted to the screen. So a layer taller than the screen is folded into several columns
// (its nodes kept in dagre's order, row by row, so each stays near its parent's height), with the
// number of rows chosen to fit the whole graph to the screen at the largest zoom.

export type NodeSize = { width: number; height: number };
export const NODE_SIZE: NodeSize = { width: 220, height: 56 };
/** Past COMPACT_FROM nodes each shows its title only, at this size, to stay legible fitted. */
export const COMPACT_NODE_SIZE: NodeSize = { width: 168, height: 34 };
export const COMPACT_FROM = 24;

const GAP = { column: 16, row: 12, layer: 90 };
/** The canvas the layout is fitted to, in pixels (a laptop's graph panel). */
const VIEW = { width: 1100, height: 600 };

/** The room a label of `chars` characters needs between two layers (11 px text, padded). */
export function layerGapFor(chars: number): number {
  return Math.min(320, Math.max(GAP.layer, Math.ceil(chars * 6.5) + 48));
}

export type GraphNodeIn = { id: string };
export type GraphEdgeIn = { source: string; target: string };
export type Positioned<N> = N & { x: number; y: number };

/**
 * Top-left positions for each node (React Flow's convention), in the nodes' order. `layerGap`: the
 * room between layers, where the links' labels sit (wider than the longest label, so none is
 * hidden under a node).
 */
export function layoutGraph<N extends GraphNodeIn>(
  nodes: N[],
  edges: GraphEdgeIn[],
  size: NodeSize = NODE_SIZE,
  layerGap: number = GAP.layer,
): Array<Positioned<N>> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: GAP.row, ranksep: layerGap, edgesep: 8, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: size.width, height: size.height });
  const known = new Set(nodes.map((n) => n.id));
  edges.forEach((e, i) => {
    if (known.has(e.source) && known.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target, {}, `e${i}`);
  });
  dagre.layout(g);
  const centers = new Map(nodes.map((n) => [n.id, { x: g.node(n.id).x, y: g.node(n.id).y }]));
  const folded = foldTallLayers(centers, size, layerGap);
  return nodes.map((n) => {
    const { x, y } = folded.get(n.id)!;
    return { ...n, x: x - size.width / 2, y: y - size.height / 2 };
  });
}

/** The layers (nodes sharing an x), left to right, each top to bottom. */
function layersOf(centers: Map<string, { x: number; y: number }>): string[][] {
  const byX = new Map<number, string[]>();
  for (const [id, c] of centers) {
    const key = Math.round(c.x);
    byX.set(key, [...(byX.get(key) ?? []), id]);
  }
  return [...byX.entries()].sort((a, b) => a[0] - b[0]).map(([, ids]) => ids.sort((a, b) => centers.get(a)!.y - centers.get(b)!.y));
}

/** The fitted zoom of the layers folded to at most `rows` rows each. */
function fittedZoom(layers: string[][], rows: number, size: NodeSize, layerGap: number): number {
  const width = layers.reduce((w, l) => w + Math.ceil(l.length / rows) * (size.width + GAP.column), 0) + (layers.length - 1) * layerGap;
  const height = Math.min(rows, Math.max(...layers.map((l) => l.length))) * (size.height + GAP.row);
  return Math.min(VIEW.width / width, VIEW.height / height);
}

function foldTallLayers(
  centers: Map<string, { x: number; y: number }>,
  size: NodeSize,
  layerGap: number,
): Map<string, { x: number; y: number }> {
  const layers = layersOf(centers);
  const tallest = Math.max(0, ...layers.map((l) => l.length));
  let rows = tallest;
  for (let r = 1; r < tallest; r++) if (fittedZoom(layers, r, size, layerGap) > fittedZoom(layers, rows, size, layerGap) * 1.05) rows = r;
  if (rows >= tallest) return centers; // nothing to fold: dagre's own placement is the better one
  const out = new Map<string, { x: number; y: number }>();
  const height = rows * (size.height + GAP.row);
  let left = 0;
  for (const layer of layers) {
    const columns = Math.ceil(layer.length / rows);
    const layerRows = Math.ceil(layer.length / columns);
    const top = (height - layerRows * (size.height + GAP.row)) / 2;
    layer.forEach((id, k) => {
      const column = k % columns;
      const row = Math.floor(k / columns);
      out.set(id, {
        x: left + column * (size.width + GAP.column) + size.width / 2,
        y: top + row * (size.height + GAP.row) + size.height / 2,
      });
    });
    left += columns * (size.width + GAP.column) + layerGap;
  }
  return out;
}
