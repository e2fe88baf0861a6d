// One colour per blueprint in the graph, so kinds are told apart at a glance; stable across pages
// (a hash of the id picks it), distinct for the first blueprints of a team (which take them in turn).

const PALETTE = ['#4f46e5', '#0891b2', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#dc2626', '#0d9488', '#65a30d', '#9333ea'];

function hash(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

/** Colours for these blueprints: distinct while there are colours left, by hash after that. */
export function blueprintColors(ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const free = new Set(PALETTE);
  for (const id of [...new Set(ids)].sort()) {
    const wanted = PALETTE[hash(id) % PALETTE.length];
    const color = free.has(wanted) || free.size === 0 ? wanted : [...free][0];
    free.delete(color);
    out.set(id, color);
  }
  return out;
}
