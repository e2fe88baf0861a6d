import type { MappedEntity } from '@/lib/ingest/mapped-entity';
import { isToOne, type BackstageKind } from './backstage-blueprints';
import { EntityRefError, parseEntityRef, refIdentifier, stringifyEntityRef, type EntityRef } from './parse-entity-ref';

// The spec fields of each kind that hold entity refs, and where a resolved ref goes:
//  - forward fields set a relation of the entity itself, chosen by the target's kind
//    (spec.owner: `owner` for a group, `ownerUser` for a user);
//  - inverse fields (group spec.children and spec.members, resource spec.dependencyOf) state the
//    relation from the other side, as Backstage lets either side state it: they set the relation
//    of the *target* entity when it is in the same import (Baseplate stores a link once, on its
//    source), and are reported otherwise.
// A ref that cannot be parsed, or points at a kind the field cannot hold, is a warning; the rest
// of the entity is still imported.

export type Field = {
  field: string;
  defaultKind?: string;
  /** target kind -> relation id; `inverse`: the relation is set on the target, pointing here. */
  to: Partial<Record<string, string>>;
  inverse?: boolean;
};

const OWNER: Field = { field: 'owner', defaultKind: 'group', to: { group: 'owner', user: 'ownerUser' } };
const SYSTEM: Field = { field: 'system', defaultKind: 'system', to: { system: 'system' } };
const DEPENDS_ON: Field = { field: 'dependsOn', to: { component: 'dependsOn', resource: 'dependsOnResources' } };

export const REF_FIELDS: Record<BackstageKind, Field[]> = {
  domain: [OWNER, { field: 'subdomainOf', defaultKind: 'domain', to: { domain: 'subdomainOf' } }],
  system: [OWNER, { field: 'domain', defaultKind: 'domain', to: { domain: 'domain' } }],
  component: [
    OWNER,
    SYSTEM,
    { field: 'subcomponentOf', defaultKind: 'component', to: { component: 'subcomponentOf' } },
    { field: 'providesApis', defaultKind: 'api', to: { api: 'providesApis' } },
    { field: 'consumesApis', defaultKind: 'api', to: { api: 'consumesApis' } },
    DEPENDS_ON,
  ],
  api: [OWNER, SYSTEM],
  resource: [
    OWNER,
    SYSTEM,
    DEPENDS_ON,
    { field: 'dependencyOf', to: { component: 'dependsOnResources', resource: 'dependsOnResources' }, inverse: true },
  ],
  group: [
    { field: 'parent', defaultKind: 'group', to: { group: 'parent' } },
    { field: 'children', defaultKind: 'group', to: { group: 'parent' }, inverse: true },
    { field: 'members', defaultKind: 'user', to: { user: 'memberOf' }, inverse: true },
  ],
  user: [{ field: 'memberOf', defaultKind: 'group', to: { group: 'memberOf' } }],
};

/** One converted entity while relations are resolved. */
export type Pending = { kind: BackstageKind; ref: EntityRef; record: MappedEntity; spec: Record<string, unknown>; where: string };

/** Sets relation `relation` of `record` to one more target (to-one: only when still empty). */
export function addLink(entity: Pending, relation: string, target: string, warn: (message: string) => void): void {
  const relations = entity.record.relations ?? {};
  if (isToOne(entity.kind, relation)) {
    const current = relations[relation];
    if (current && current !== target) warn(`${entity.where}: ${relation} is already "${current}"; "${target}" is not kept`);
    else relations[relation] = target;
    return;
  }
  const list = (relations[relation] as string[] | undefined) ?? [];
  if (!list.includes(target)) list.push(target);
  relations[relation] = list;
}

/**
 * Resolves the ref fields of `entity`, the forward ones or the inverse ones; `byRef` holds every
 * entity of the import by canonical ref. Run every entity's forward pass before any inverse pass:
 * an entity's own statement (a group's `parent`) then wins over another's (a `children` list).
 */
export function resolveRefs(
  entity: Pending,
  byRef: ReadonlyMap<string, Pending>,
  pass: 'forward' | 'inverse',
  warn: (message: string) => void,
): void {
  for (const field of REF_FIELDS[entity.kind]) {
    if (Boolean(field.inverse) !== (pass === 'inverse')) continue;
    const raw = entity.spec[field.field];
    if (raw === undefined || raw === null) continue;
    const at = `${entity.where}: spec.${field.field}`;
    for (const target of Array.isArray(raw) ? raw : [raw]) {
      let ref: EntityRef;
      try {
        ref = parseEntityRef(target, { defaultKind: field.defaultKind, defaultNamespace: entity.ref.namespace });
      } catch (e) {
        if (!(e instanceof EntityRefError)) throw e;
        warn(`${at}: ${e.message}`);
        continue;
      }
      if (field.field === 'owner') entity.record.properties.ownerRef ??= stringifyEntityRef(ref);
      const relation = field.to[ref.kind];
      if (!relation) {
        warn(`${at}: "${stringifyEntityRef(ref)}" is of kind ${ref.kind}, which spec.${field.field} cannot link in Baseplate; not kept`);
        continue;
      }
      const other = byRef.get(stringifyEntityRef(ref));
      if (!field.inverse) {
        if (!other) warn(`${at}: "${stringifyEntityRef(ref)}" is not in this import; the link needs it to exist in the team already`);
        addLink(entity, relation, refIdentifier(ref), warn);
      } else if (!other) {
        warn(`${at}: "${stringifyEntityRef(ref)}" is not in this import; the link is stored on its side and is not kept`);
      } else addLink(other, relation, refIdentifier(entity.ref), warn);
    }
  }
}
