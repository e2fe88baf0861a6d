import { parseDocument, stringify } from 'yaml';
import { createBlueprintBody, type CreateBlueprintInput, type RelationSpecs } from '@/lib/blueprints/schemas';
import { AppError } from '@/lib/errors';
import { MAX_JSON_DEPTH } from '@/lib/http/check-json-value';
import { MAX_BODY_BYTES, validateBody } from '@/lib/http/request-body';
import type { ExportBlueprint } from './export-types';

// The team's blueprints and their relations as ONE YAML document (an export's blueprints part),
// and that document read back as blueprint create bodies in an order the create route accepts:
// a relation's target blueprint must exist when the relation is saved, so targets come first;
// relations that close a cycle (a -> b -> a) cannot be saved at create time and come back as
// `relate`, one PATCH {relations} per blueprint after every create. Self-relations are fine at
// create time (the row exists when its relations are saved).

export const BLUEPRINTS_KIND = 'baseplate/blueprints';
export const BLUEPRINTS_VERSION = 1;

/** YAML options shared by every export writer: no anchors, no folded lines, stable output. */
export const YAML_OUT = { aliasDuplicateObjects: false, lineWidth: 0, minContentWidth: 0 } as const;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The document's value: blueprints by id, each a create body (relations in id order). */
export function blueprintsDocumentValue(blueprints: ExportBlueprint[]) {
  return {
    kind: BLUEPRINTS_KIND,
    version: BLUEPRINTS_VERSION,
    blueprints: [...blueprints]
      .sort((a, b) => byCodePoint(a.id, b.id))
      .map((b) => ({
        id: b.id,
        title: b.title,
        description: b.description,
        icon: b.icon,
        schema: b.schema,
        relations: Object.fromEntries(
          Object.entries(b.relations)
            .sort(([a], [c]) => byCodePoint(a, c))
            .map(([id, r]) => [id, { title: r.title, target: r.target, type: r.type, required: r.required }]),
        ),
      })),
  };
}

/** The blueprints document as YAML text (no leading `---`). */
export function toBlueprintsYaml(blueprints: ExportBlueprint[]): string {
  return stringify(blueprintsDocumentValue(blueprints), YAML_OUT);
}

export type BlueprintImportPlan = {
  /** In this order: every target of a body's relations exists before the body is created. */
  create: CreateBlueprintInput[];
  /** Then: PATCH {relations} of these blueprints (the relations left out of their create body). */
  relate: Array<{ id: string; relations: RelationSpecs }>;
};

const bad = (message: string) => new AppError('bad_request', `blueprints document: ${message}`);

/** Reads YAML text with the bounds every user-sent document gets: size, aliases, depth. */
export function readYamlValue(text: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw bad('larger than 1 MiB');
  let doc;
  try {
    // maxAliasCount (in toJS below): an alias bomb (a billion laughs) stops there, not in memory.
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    if (error instanceof RangeError) throw bad(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    throw error;
  }
  if (doc.errors.length) throw bad(`not valid YAML (${doc.errors[0].message.split('\n')[0].slice(0, 200)})`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof RangeError || /alias/i.test((error as Error).message)) throw bad((error as Error).message.slice(0, 200));
    throw error;
  }
  return value;
}

/** The blueprints document back as create bodies (each checked as the create route checks it). */
export function parseBlueprintsYaml(text: string): BlueprintImportPlan {
  return planBlueprintImport(readYamlValue(text));
}

export function planBlueprintImport(value: unknown): BlueprintImportPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('must be a mapping');
  const doc = value as Record<string, unknown>;
  if (doc.kind !== BLUEPRINTS_KIND) throw bad(`kind must be "${BLUEPRINTS_KIND}"`);
  if (doc.version !== BLUEPRINTS_VERSION) throw bad(`version must be ${BLUEPRINTS_VERSION}`);
  if (!Array.isArray(doc.blueprints)) throw bad('blueprints must be a list');
  const bodies = doc.blueprints.map((b, i) => {
    try {
      return validateBody(createBlueprintBody, b);
    } catch (error) {
      if (error instanceof AppError) throw new AppError(error.code, `blueprints[${i}]: ${error.message}`, error.details);
      throw error;
    }
  });
  const ids = new Set<string>();
  for (const b of bodies) {
    if (ids.has(b.id)) throw bad(`blueprint "${b.id}" appears twice`);
    ids.add(b.id);
  }
  return orderBlueprintCreates(bodies);
}

/** Targets first (by id among the ready ones); a cycle is broken at its smallest id. */
export function orderBlueprintCreates(bodies: CreateBlueprintInput[]): BlueprintImportPlan {
  const pending = new Map([...bodies].sort((a, b) => byCodePoint(a.id, b.id)).map((b) => [b.id, b]));
  const placed = new Set<string>();
  const plan: BlueprintImportPlan = { create: [], relate: [] };
  const targetsReady = (b: CreateBlueprintInput) =>
    Object.values(b.relations ?? {}).every((r) => r.target === b.id || placed.has(r.target) || !pending.has(r.target));
  while (pending.size) {
    const ready = [...pending.values()].find(targetsReady);
    const next = ready ?? pending.values().next().value!;
    pending.delete(next.id);
    placed.add(next.id);
    if (ready) {
      plan.create.push(next);
    } else {
      const { relations, ...rest } = next;
      plan.create.push(rest);
      plan.relate.push({ id: next.id, relations: relations ?? {} });
    }
  }
  return plan;
}
