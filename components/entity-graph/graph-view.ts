import type { GraphDirection } from '@/lib/relations/entity-graph.sql';

// The graph's view as the URL carries it (`?direction=upstream&hops=3`): read by the page on the
// server, written by the controls in the browser.

export type GraphView = { direction: GraphDirection; hops: number };

export const MAX_GRAPH_HOPS = 5;
const DIRECTIONS: GraphDirection[] = ['both', 'upstream', 'downstream'];

/** Anything unexpected falls back to both ways, 2 hops. */
export function parseGraphView(query: { direction?: string | string[]; hops?: string | string[] }): GraphView {
  const direction = DIRECTIONS.find((d) => d === query.direction) ?? 'both';
  const hops = Number(query.hops);
  return { direction, hops: Number.isInteger(hops) && hops >= 1 && hops <= MAX_GRAPH_HOPS ? hops : 2 };
}

export const graphQuery = (view: GraphView) => `direction=${view.direction}&hops=${view.hops}`;
