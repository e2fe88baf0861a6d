import { isPlainObject, setOwn } from '../set-own';
import type { BackstageKind } from './backstage-blueprints';

// A Backstage entity's fields that become properties of its Baseplate entity (the relations are
// backstage-relations.ts). Only values of the type Backstage documents are kept: a number where
// a string belongs is left out with a warning, rather than failing the entity's schema check.

type Doc = { metadata: Record<string, unknown>; spec: Record<string, unknown> };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A map of strings (labels, annotations): keys are the user's, so they are set as own keys. */
function stringMap(value: unknown, field: string, warn: (message: string) => void): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    warn(`metadata.${field} is not a map; left out`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') setOwn(out, key, v);
    else warn(`metadata.${field}["${key}"] is not a string; left out`);
  }
  return out;
}

function links(value: unknown, warn: (message: string) => void): Array<Record<string, string>> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    warn('metadata.links is not a list; left out');
    return undefined;
  }
  const out: Array<Record<string, string>> = [];
  for (const link of value) {
    if (!isPlainObject(link) || typeof link.url !== 'string') {
      warn('a metadata.links item has no url; left out');
      continue;
    }
    const kept: Record<string, string> = { url: link.url };
    for (const k of ['title', 'icon', 'type'] as const) if (typeof link[k] === 'string') kept[k] = link[k];
    out.push(kept);
  }
  return out;
}

/** The entity's properties; `ownerRef` is added by the relations step (it needs the resolved ref). */
export function backstageProperties(
  kind: BackstageKind,
  namespace: string,
  doc: Doc,
  warn: (message: string) => void,
): Record<string, unknown> {
  const { metadata, spec } = doc;
  const props: Record<string, unknown> = { namespace };
  const description = str(metadata.description);
  if (description !== undefined) props.description = description;
  if (Array.isArray(metadata.tags)) props.tags = metadata.tags.filter((t): t is string => typeof t === 'string');
  const kept = { links: links(metadata.links, warn), labels: stringMap(metadata.labels, 'labels', warn) };
  const annotations = stringMap(metadata.annotations, 'annotations', warn);
  if (kept.links) props.links = kept.links;
  if (kept.labels) props.labels = kept.labels;
  if (annotations) props.annotations = annotations;

  const fields: string[] = [];
  if (kind === 'component' || kind === 'api' || kind === 'resource' || kind === 'group') fields.push('type');
  if (kind === 'component' || kind === 'api') fields.push('lifecycle');
  for (const field of fields) {
    const value = spec[field];
    if (typeof value === 'string') props[field] = value;
    else if (value !== undefined) warn(`spec.${field} is not a string; left out`);
  }
  if (kind === 'api' && spec.definition !== undefined) {
    if (typeof spec.definition === 'string') props.definition = spec.definition;
    else warn('spec.definition is not text (a $text/$json/$yaml placeholder is not fetched); left out');
  }
  if (kind === 'group' || kind === 'user') {
    const profile = isPlainObject(spec.profile) ? spec.profile : {};
    for (const field of ['displayName', 'email', 'picture'] as const) {
      const value = str(profile[field]);
      if (value !== undefined) props[field] = value;
    }
  }
  return props;
}

/** The entity's title: metadata.title, else a person's or team's display name, else its name as written. */
export function backstageTitle(kind: BackstageKind, doc: Doc, name: string): string {
  const title = str(doc.metadata.title);
  if (title) return title;
  if (kind === 'group' || kind === 'user') {
    const displayName = isPlainObject(doc.spec.profile) ? str(doc.spec.profile.displayName) : undefined;
    if (displayName) return displayName;
  }
  return name;
}
