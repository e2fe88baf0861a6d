import type { RelationsView, RelationType } from '@/lib/relations/relation-types';

// What the entity form's pickers need to know about each of the blueprint's relations: the
// definition, plus the target blueprint's title to name what is picked ("Pick a cluster").

export type RelationField = {
  id: string;
  title: string | null;
  target: string;
  targetTitle: string;
  type: RelationType;
  required: boolean;
};

export function relationFieldsOf(relations: RelationsView, blueprints: Array<{ id: string; title: string }>): RelationField[] {
  const titleOf = new Map(blueprints.map((b) => [b.id, b.title]));
  return Object.entries(relations).map(([id, r]) => ({
    id,
    title: r.title,
    target: r.target,
    targetTitle: titleOf.get(r.target) ?? r.target,
    type: r.type,
    required: r.required,
  }));
}

/** The linked entities' titles by relation and identifier (from an entity's `related`), for the pickers' chips. */
export function linkTitles(
  related: Record<string, Array<{ identifier: string; title: string | null }>> = {},
): Record<string, Record<string, string | null>> {
  return Object.fromEntries(
    Object.entries(related).map(([relation, targets]) => [relation, Object.fromEntries(targets.map((t) => [t.identifier, t.title]))]),
  );
}
