// The command palette's list: matching blueprints first (filtered in the browser: the team has a
// handful), then the entities the quick-search route found. Pure, so the ranking is tested.

export type PaletteBlueprint = { id: string; title: string; icon: string | null };
export type PaletteEntity = { blueprint: string; identifier: string; title: string | null };

export type PaletteItem =
  | { kind: 'blueprint'; id: string; label: string; detail: string; icon: string; href: string }
  | { kind: 'entity'; id: string; label: string; detail: string; icon: string; href: string };

const MAX_BLUEPRINTS = 5;

export function paletteItems(team: string, text: string, blueprints: PaletteBlueprint[], entities: PaletteEntity[]): PaletteItem[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const byId = new Map(blueprints.map((b) => [b.id, b]));
  const rank = (b: PaletteBlueprint) => {
    const id = b.id.toLowerCase();
    const title = b.title.toLowerCase();
    if (id === needle || title === needle) return 0;
    if (id.startsWith(needle) || title.startsWith(needle)) return 1;
    return id.includes(needle) || title.includes(needle) ? 2 : 3;
  };
  const matching = blueprints
    .map((b) => ({ b, r: rank(b) }))
    .filter((x) => x.r < 3)
    .sort((x, y) => x.r - y.r || x.b.title.localeCompare(y.b.title))
    .slice(0, MAX_BLUEPRINTS)
    .map(({ b }): PaletteItem => ({
      kind: 'blueprint',
      id: `bp-${b.id}`,
      label: b.title,
      detail: 'Blueprint',
      icon: b.icon ?? '📦',
      href: `/t/${team}/blueprints/${b.id}`,
    }));
  const found = entities.map((e): PaletteItem => {
    const bp = byId.get(e.blueprint);
    return {
      kind: 'entity',
      id: `en-${e.blueprint}-${e.identifier}`,
      label: e.title ?? e.identifier,
      detail: `${bp?.title ?? e.blueprint} · ${e.identifier}`,
      icon: bp?.icon ?? '📄',
      href: `/t/${team}/blueprints/${e.blueprint}/entities/${encodeURIComponent(e.identifier)}`,
    };
  });
  return [...matching, ...found];
}

/** Arrow keys move through the list and wrap around; -1 means nothing is active. */
export function moveActive(active: number, count: number, by: 1 | -1): number {
  if (count === 0) return -1;
  if (active < 0) return by === 1 ? 0 : count - 1;
  return (active + by + count) % count;
}
