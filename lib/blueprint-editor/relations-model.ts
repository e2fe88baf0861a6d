// The blueprint editor's relations: drafts the form edits, the body they become, and what a save
// will do to existing links, said in words before it happens. Pure, so it is unit-tested.
//
// A draft remembers the id it was loaded with (`origin`): when the id changes, the body sends the
// relation under its new id with `renamed_from`, and the server keeps its links.

import { RELATION_ID_RE, type RelationType } from '@/lib/relations/relation-types';

export type RelationDraft = {
  key: string;
  id: string;
  title: string;
  target: string;
  type: RelationType;
  required: boolean;
  origin: string | null;
};
export type RelationView = { title: string | null; target: string; type: RelationType; required: boolean };
export type RelationBody = { title: string | null; target: string; type: RelationType; required: boolean; renamed_from?: string };

export const RELATION_TYPE_LABELS: Record<RelationType, { label: string; hint: string }> = {
  'many-to-one': { label: 'Many to one', hint: 'Each links to one target; a target can be shared (a service runs on one cluster).' },
  'one-to-many': { label: 'One to many', hint: 'Each links to many targets; a target belongs to one (a team owns its repositories).' },
  'one-to-one': { label: 'One to one', hint: 'Each links to one target, and no two share it.' },
  'many-to-many': { label: 'Many to many', hint: 'Any number on both sides (a service depends on databases).' },
};

/** Any change to a type other than many-to-many may find links that break it (the server counts them). */
const costsLinks = (from: RelationType, to: RelationType) => from !== to && to !== 'many-to-many';

let counter = 0;
const nextKey = () => `relation-${++counter}`;

export function relationsToDrafts(view: Record<string, RelationView> | undefined): RelationDraft[] {
  return Object.entries(view ?? {}).map(([id, r]) => ({
    key: nextKey(),
    id,
    title: r.title ?? '',
    target: r.target,
    type: r.type,
    required: r.required,
    origin: id,
  }));
}

export function newRelationDraft(existing: RelationDraft[], target: string): RelationDraft {
  let n = existing.length + 1;
  while (existing.some((d) => d.id === `relation_${n}`)) n++;
  return { key: nextKey(), id: `relation_${n}`, title: '', target, type: 'many-to-one', required: false, origin: null };
}

export function draftsToBody(drafts: RelationDraft[]): Record<string, RelationBody> {
  const body: Record<string, RelationBody> = {};
  for (const d of drafts) {
    body[d.id] = {
      title: d.title.trim() || null,
      target: d.target,
      type: d.type,
      required: d.required,
      ...(d.origin && d.origin !== d.id ? { renamed_from: d.origin } : {}),
    };
  }
  return body;
}

/** What is wrong with a draft's id before the server is asked (the server checks it too). */
export function relationIdError(draft: RelationDraft, drafts: RelationDraft[], propertyNames: string[]): string | undefined {
  if (!draft.id) return 'An id is required';
  if (!RELATION_ID_RE.test(draft.id)) return 'A letter, then letters, digits, - and _';
  if (drafts.some((d) => d !== draft && d.id === draft.id)) return 'Another relation has this id';
  if (propertyNames.includes(draft.id)) return 'A property has this name: pick another id';
  return undefined;
}

export type RelationChange =
  | { kind: 'renamed'; from: string; to: string }
  | { kind: 'removed'; id: string }
  | { kind: 'retargeted'; id: string; from: string; to: string }
  | { kind: 'retyped'; id: string; from: RelationType; to: RelationType }
  | { kind: 'required'; id: string };

/** The changes a save makes to the relations it was loaded with. */
export function relationChanges(original: Record<string, RelationView> | undefined, drafts: RelationDraft[]): RelationChange[] {
  const changes: RelationChange[] = [];
  for (const [id, before] of Object.entries(original ?? {})) {
    const draft = drafts.find((d) => d.origin === id);
    if (!draft) {
      changes.push({ kind: 'removed', id });
      continue;
    }
    if (draft.id !== id) changes.push({ kind: 'renamed', from: id, to: draft.id });
    if (draft.target !== before.target) changes.push({ kind: 'retargeted', id: draft.id, from: before.target, to: draft.target });
    else if (costsLinks(before.type, draft.type)) changes.push({ kind: 'retyped', id: draft.id, from: before.type, to: draft.type });
    if (draft.required && (!before.required || draft.target !== before.target)) changes.push({ kind: 'required', id: draft.id });
  }
  // A new required relation on a saved blueprint: its existing entities have no such link yet.
  if (original) for (const d of drafts) if (d.origin === null && d.required) changes.push({ kind: 'required', id: d.id });
  return changes;
}

/** One sentence per change, as the editor shows it before saving. */
export function describeRelationChange(change: RelationChange): string {
  switch (change.kind) {
    case 'renamed':
      return `"${change.from}" becomes "${change.to}"; its links are kept.`;
    case 'removed':
      return `"${change.id}" is removed, with all its links.`;
    case 'retargeted':
      return `"${change.id}" now targets ${change.to} instead of ${change.from}: its existing links are removed.`;
    case 'retyped':
      return `"${change.id}" becomes ${RELATION_TYPE_LABELS[change.to].label.toLowerCase()}: links that do not fit are removed (each side keeps its earliest).`;
    case 'required':
      return `"${change.id}" becomes required: entities without such a link stay as they are, and need one on their next save.`;
  }
}

/** Whether a change may remove links (renames and `required` never do). */
export const removesLinks = (change: RelationChange) => change.kind !== 'renamed' && change.kind !== 'required';
