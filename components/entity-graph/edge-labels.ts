// The graph's link labels. Links between the same two entities (several relations, or links both
// ways) are drawn along the same path, so their labels would sit on one another: one label for
// the pair, on its first link, names them all ("Owner, Depends on"; "← Uses" for a link the other
// way). Each label is the relation's title, its id only where it has none.

export type LabelledEdge = { source: string; target: string; relation: string; title: string | null };

/** Each edge's label, in the edges' order (undefined: drawn without one). */
export function edgeLabels(edges: LabelledEdge[]): Array<string | undefined> {
  const pairKey = (e: LabelledEdge) => (e.source < e.target ? `${e.source} ${e.target}` : `${e.target} ${e.source}`);
  const groups = new Map<string, number[]>();
  edges.forEach((e, i) => groups.set(pairKey(e), [...(groups.get(pairKey(e)) ?? []), i]));
  const labels: Array<string | undefined> = edges.map(() => undefined);
  for (const members of groups.values()) {
    const first = edges[members[0]];
    const names: string[] = [];
    for (const i of members) {
      const e = edges[i];
      const name = `${e.source === first.source ? '' : '← '}${e.title || e.relation}`;
      if (!names.includes(name)) names.push(name);
    }
    labels[members[0]] = names.join(', ');
  }
  return labels;
}
