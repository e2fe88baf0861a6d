import { isPlainObject } from '../set-own';

// Backstage entity refs, resolved as Backstage's catalog resolves them (catalog-model's
// parseEntityRef and the built-in kinds processor):
//  - the string form `[<kind>:][<namespace>/]<name>`; a `/` before the first `:` means there is no
//    kind (`team/a:b` is namespace `team`, name `a:b`); an empty part is an error;
//  - the compound form `{kind?, namespace?, name}`, still accepted by Backstage;
//  - a missing kind is the field's default (spec.owner -> group, spec.system -> system, ...); a
//    field without one (spec.dependsOn) needs the kind written (`component:foo`);
//  - a missing namespace is the *referring entity's* namespace, which is `default` unless that
//    entity says otherwise (Backstage passes `defaultNamespace: selfRef.namespace`);
//  - all parts compare case-insensitively: they are kept in lower case here.

export type EntityRef = { kind: string; namespace: string; name: string };

export const DEFAULT_NAMESPACE = 'default';

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Thrown for a ref that cannot be resolved; the converter turns it into a warning. */
export class EntityRefError extends Error {}

function splitRef(ref: string): { kind?: string; namespace?: string; name: string } {
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    throw new EntityRefError(`entity ref "${ref}" is not of the form [<kind>:][<namespace>/]<name>`);
  }
  return { kind, namespace, name };
}

export function parseEntityRef(ref: unknown, context: { defaultKind?: string; defaultNamespace?: string }): EntityRef {
  let parts: { kind?: unknown; namespace?: unknown; name?: unknown };
  if (typeof ref === 'string') parts = splitRef(ref.trim());
  else if (isPlainObject(ref)) parts = ref;
  else throw new EntityRefError(`entity ref ${JSON.stringify(ref) ?? String(ref)} is neither a string nor {kind, namespace, name}`);
  const kind = parts.kind ?? context.defaultKind;
  const namespace = parts.namespace ?? context.defaultNamespace ?? DEFAULT_NAMESPACE;
  const name = parts.name;
  const shown = typeof ref === 'string' ? `"${ref}"` : JSON.stringify(ref);
  if (typeof kind !== 'string' || !kind)
    throw new EntityRefError(`entity ref ${shown} has no kind (write it: "component:${String(name)}")`);
  if (typeof namespace !== 'string' || !namespace) throw new EntityRefError(`entity ref ${shown} has an empty namespace`);
  if (typeof name !== 'string' || !name) throw new EntityRefError(`entity ref ${shown} has no name`);
  return { kind: lower(kind), namespace: lower(namespace), name: lower(name) };
}

/** The ref's Baseplate identifier: the name in the default namespace, `namespace/name` elsewhere. */
export function refIdentifier(ref: Pick<EntityRef, 'namespace' | 'name'>): string {
  return ref.namespace === DEFAULT_NAMESPACE ? ref.name : `${ref.namespace}/${ref.name}`;
}

/** Backstage's canonical string form, `kind:namespace/name`, lower case. */
export function stringifyEntityRef(ref: EntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`;
}
