import { isIdentifier } from '@/lib/entities/schemas';
import type { MappedEntity } from '@/lib/ingest/mapped-entity';
import { isPlainObject } from '../set-own';
import {
  BACKSTAGE_KINDS,
  backstageBlueprint,
  isToOne,
  relationIdsOf,
  type BackstageKind,
  type BlueprintDefinition,
} from './backstage-blueprints';
import { backstageProperties, backstageTitle } from './backstage-properties';
import { resolveRefs, type Pending } from './backstage-relations';
import { DEFAULT_NAMESPACE, stringifyEntityRef } from './parse-entity-ref';

// Backstage catalog documents (the items of a catalog-info.yaml) -> the seven blueprints they need
// and one record per entity. A document that cannot be imported is skipped with a warning naming
// it (`document 3 (component:default/foo)`), never failing the others: Location (Baseplate does
// not follow its targets), Template and other kinds, a missing name, a name Baseplate cannot use
// as an identifier, a second entity with the same kind, namespace and name (Backstage refuses it
// too: the first is kept).
//
// Every record carries all of its blueprint's relations (to-one: the identifier or null, to-many:
// a list, possibly empty), so a re-import replaces the links as the file now states them: a
// `spec.system` removed from the file removes the link.

export type BackstageConversion = { blueprints: BlueprintDefinition[]; records: MappedEntity[]; warnings: string[] };
export type ConvertBackstageOptions = {
  /** Blueprint ids to use per kind (default: the kind's own name, `component`, `api`...). */
  blueprintIds?: Partial<Record<BackstageKind, string>>;
};

const KNOWN: ReadonlySet<string> = new Set(BACKSTAGE_KINDS);
/** Warnings kept in the answer; a file of 10,000 odd documents still answers in a bounded size. */
export const MAX_WARNINGS = 200;

/** Whether a document is a Backstage entity: its apiVersion is in the backstage.io group (or one under it, as scaffolder.backstage.io). */
export function isBackstageDocument(doc: unknown): boolean {
  return isPlainObject(doc) && typeof doc.apiVersion === 'string' && /^([a-z0-9-]+\.)*backstage\.io\//i.test(doc.apiVersion);
}

/** One document -> a pending entity (relations unresolved), or a warning and null. */
function readDocument(doc: unknown, index: number, ids: Record<BackstageKind, string>, warn: (m: string) => void): Pending | null {
  const at = `document ${index + 1}`;
  if (!isBackstageDocument(doc) || !isPlainObject(doc)) {
    warn(`${at}: not a Backstage entity (apiVersion backstage.io/...); skipped`);
    return null;
  }
  const kind = typeof doc.kind === 'string' ? doc.kind.toLocaleLowerCase('en-US') : '';
  const metadata = isPlainObject(doc.metadata) ? doc.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (kind === 'location') {
    warn(`${at}: Location "${name}" ignored: Baseplate does not follow a Location's targets; import the files it points at`);
    return null;
  }
  if (!KNOWN.has(kind)) {
    warn(`${at}: kind "${String(doc.kind)}" is not imported (only ${BACKSTAGE_KINDS.join(', ')}); skipped`);
    return null;
  }
  if (!name) {
    warn(`${at}: metadata.name is missing; skipped`);
    return null;
  }
  const rawNamespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : DEFAULT_NAMESPACE;
  const ref = { kind, namespace: rawNamespace.toLocaleLowerCase('en-US'), name: name.toLocaleLowerCase('en-US') };
  const where = `${at} (${stringifyEntityRef(ref)})`;
  const identifier = ref.namespace === DEFAULT_NAMESPACE ? ref.name : `${ref.namespace}/${ref.name}`;
  if (!isIdentifier(identifier)) {
    warn(`${where}: "${identifier}" cannot be a Baseplate identifier (letters, digits and . _ : @ / + -, up to 255); skipped`);
    return null;
  }
  const k = kind as BackstageKind;
  const spec = isPlainObject(doc.spec) ? doc.spec : {};
  const relations: Record<string, string | string[] | null> = {};
  for (const id of relationIdsOf(k)) relations[id] = isToOne(k, id) ? null : [];
  const record: MappedEntity = {
    index,
    blueprint: ids[k],
    identifier,
    title: backstageTitle(k, { metadata, spec }, name),
    properties: backstageProperties(k, ref.namespace, { metadata, spec }, (m) => warn(`${where}: ${m}`)),
    relations,
  };
  return { kind: k, ref, record, spec, where };
}

export function convertBackstageDocuments(docs: unknown[], options: ConvertBackstageOptions = {}): BackstageConversion {
  const ids = Object.fromEntries(BACKSTAGE_KINDS.map((k) => [k, options.blueprintIds?.[k] ?? k])) as Record<BackstageKind, string>;
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
    else dropped += 1;
  };
  const byRef = new Map<string, Pending>();
  docs.forEach((doc, index) => {
    const entity = readDocument(doc, index, ids, warn);
    if (!entity) return;
    const key = stringifyEntityRef(entity.ref);
    const first = byRef.get(key);
    if (first) warn(`${entity.where}: the same entity as ${first.where.split(' (')[0]}; skipped (the first is kept)`);
    else byRef.set(key, entity);
  });
  for (const entity of byRef.values()) resolveRefs(entity, byRef, 'forward', warn);
  for (const entity of byRef.values()) resolveRefs(entity, byRef, 'inverse', warn);
  return {
    blueprints: BACKSTAGE_KINDS.map((kind) => backstageBlueprint(kind, ids)),
    records: [...byRef.values()].map((e) => e.record),
    warnings: dropped ? [...warnings, `... and ${dropped} more warnings (MAX_WARNINGS)`] : warnings,
  };
}
