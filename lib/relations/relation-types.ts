// Relations between blueprints (definitions, blueprint_relations) and between entities (links,
// entity_relations). The API names a definition by its per-blueprint id (`runs_on`); the database
// row also has a uuid, which links reference.

export const RELATION_TYPES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/**
 * A relation id: what a property name may be in a search path (no dot, which separates the hop
 * from the related entity's property; no leading `$`, which marks meta-properties). Unique per
 * source blueprint and never the name of one of its schema's top-level properties.
 */
export const RELATION_ID = '^[A-Za-z][A-Za-z0-9_-]{0,99}$';
export const RELATION_ID_RE = new RegExp(RELATION_ID);

/**
 * The API form of one definition (the blueprint body's `relations` values). `renamed_from` (write
 * only) names an existing relation this one replaces under a new id: its links are kept.
 */
export type RelationSpec = { title?: string | null; target: string; type?: RelationType; required?: boolean; renamed_from?: string };

/** A stored definition. */
export type RelationDef = {
  uuid: string;
  id: string;
  title: string | null;
  source: string;
  target: string;
  type: RelationType;
  required: boolean;
};

/** A source may hold at most one target of the relation. */
export const singleTarget = (type: RelationType) => type === 'one-to-one' || type === 'many-to-one';
/** A target may be linked by at most one source of the relation. */
export const singleSource = (type: RelationType) => type === 'one-to-one' || type === 'one-to-many';

/** The blueprint view's `relations`: {"<id>": {title, target, type, required}}. */
export type RelationsView = Record<string, { title: string | null; target: string; type: RelationType; required: boolean }>;

export function toRelationsView(defs: RelationDef[]): RelationsView {
  const out: RelationsView = {};
  for (const d of [...defs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    out[d.id] = { title: d.title, target: d.target, type: d.type, required: d.required };
  }
  return out;
}
