import { hoistBlueprintSchema, mergePatchOf } from './blueprint-schema';
import { paramRef, schemaRef, type JsonSchema } from './components';

// One blueprint's part of a team's document: its schema as components (`ServiceData`), the entity
// bodies and views typed by it (`ServiceEntity`, `ServiceEntityInput`, ...), and the entity paths
// with the blueprint's id in place of `{blueprint_id}`. The typed operations are derived from the
// generic ones of the same document (lib/openapi/paths-entities.ts), so both always say the same
// about parameters, statuses and errors; only the schemas they point at differ.

/** `relations`: the blueprint's relation definitions (absent: `relations` stays untyped). */
export type TeamBlueprint = {
  id: string;
  title: string;
  description: string | null;
  schema: unknown;
  relations?: Array<{ id: string; title: string | null; target: string; type: string; required: boolean }>;
};

type Doc = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, JsonSchema> } };

const GENERIC = '/api/v1/teams/{team}/blueprints/{blueprint_id}';
/** The entity routes that carry an entity's `data` (list, create, bulk, search, one entity). */
const TYPED_SUFFIXES = ['/entities', '/entities/bulk', '/entities/search', '/entities/{identifier}'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `my-service_v2` -> `MyServiceV2`: the prefix of the blueprint's component names. */
export function pascalCase(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return /^[A-Za-z]/.test(name) ? name : `B${name}`;
}

export type TypedNames = { data: string; entity: string; input: string; replace: string; patch: string; bulk: string };

export function typedNames(prefix: string): TypedNames {
  return {
    data: `${prefix}Data`,
    entity: `${prefix}Entity`,
    input: `${prefix}EntityInput`,
    replace: `${prefix}EntityReplace`,
    patch: `${prefix}EntityPatch`,
    bulk: `${prefix}EntityBulk`,
  };
}

/** The blueprint's names, with a number added when another blueprint (`my-app`, `my_app`) or a generic schema took them. */
export function uniqueNames(id: string, taken: (name: string) => boolean): TypedNames {
  const base = pascalCase(id);
  for (let i = 1; ; i++) {
    const names = typedNames(i === 1 ? base : `${base}${i}`);
    if (!Object.values(names).some(taken)) return names;
  }
}

function withData(body: JsonSchema, data: JsonSchema, relations?: JsonSchema): JsonSchema {
  return { ...body, properties: { ...(body.properties as object), data, ...(relations && { relations }) } };
}

/**
 * The blueprint's `relations` typed by its definitions: one key per relation, an identifier of the
 * target blueprint for many-to-one and one-to-one, else an identifier or an array of them.
 * `mode`: what a view shows (identifiers), what a create or PUT sends (required relations
 * required), what a PATCH sends (null removes).
 */
function typedRelations(bp: TeamBlueprint, mode: 'view' | 'write' | 'patch'): JsonSchema | undefined {
  if (!bp.relations) return undefined;
  const properties: Record<string, JsonSchema> = {};
  for (const r of bp.relations) {
    const one = { type: 'string', description: `The identifier of a \`${r.target}\` entity.` };
    const single = r.type === 'one-to-one' || r.type === 'many-to-one';
    const value: JsonSchema = single
      ? one
      : mode === 'view'
        ? { type: 'array', items: one }
        : { anyOf: [one, { type: 'array', items: one }] };
    const about = `${r.title ?? r.id} (${r.type}${r.required ? ', required' : ''}).`;
    properties[r.id] =
      mode === 'patch'
        ? { anyOf: [value, { type: 'null' }], description: `${about} null removes its links.` }
        : { ...value, description: about };
  }
  const required = mode === 'write' ? bp.relations.filter((r) => r.required).map((r) => r.id) : [];
  return { type: 'object', additionalProperties: false, properties, ...(required.length && { required }) };
}

function typedSchemas(doc: Doc, bp: TeamBlueprint, names: TypedNames, taken: (name: string) => boolean): Record<string, JsonSchema> {
  const generic = doc.components.schemas;
  const schema = (typeof bp.schema === 'object' && bp.schema !== null ? bp.schema : { type: 'object' }) as JsonSchema;
  const { data, defs } = hoistBlueprintSchema(schema, names.data, taken);
  const about = `the blueprint **${bp.title}** (\`${bp.id}\`)`;
  const bulk = generic.BulkEntitiesBody as { properties: { entities: JsonSchema } };
  return {
    [names.data]: { ...data, description: data.description ?? `The \`data\` of an entity of ${about}: the blueprint's own JSON Schema.` },
    ...defs,
    [names.entity]: {
      ...generic.Entity,
      description: `An entity of ${about}.`,
      properties: {
        ...(generic.Entity.properties as object),
        blueprint: { type: 'string', const: bp.id },
        data: schemaRef(names.data),
        ...(bp.relations && { relations: typedRelations(bp, 'view') }),
      },
    },
    [names.input]: {
      ...withData(generic.CreateEntityBody, schemaRef(names.data), typedRelations(bp, 'write')),
      description: `A new entity of ${about}.`,
    },
    [names.replace]: {
      ...withData(generic.ReplaceEntityBody, schemaRef(names.data), typedRelations(bp, 'write')),
      description: `The new title, data and relations of an entity of ${about}.`,
    },
    [names.patch]: {
      ...withData(
        generic.PatchEntityBody,
        {
          ...mergePatchOf(data, false),
          description: 'A JSON merge patch of `data`: absent keys stay, null removes one; arrays are replaced whole.',
        },
        typedRelations(bp, 'patch'),
      ),
      description: `A merge patch (RFC 7396) of an entity of ${about}; the result is validated against the blueprint.`,
    },
    [names.bulk]: { ...generic.BulkEntitiesBody, properties: { entities: { ...bulk.properties.entities, items: schemaRef(names.input) } } },
  };
}

/** Replaces exact `$ref`s by the map, everywhere in `value` (a fresh copy). */
function swapRefs(value: unknown, swap: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => swapRefs(v, swap));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && swap[v] ? swap[v] : swapRefs(v, swap)]),
  );
}

function typedPaths(doc: Doc, bp: TeamBlueprint, names: TypedNames, prefix: string, tag: string): Record<string, object> {
  const ref = (n: string) => schemaRef(n).$ref;
  const swap = {
    [ref('Entity')]: ref(names.entity),
    [ref('CreateEntityBody')]: ref(names.input),
    [ref('ReplaceEntityBody')]: ref(names.replace),
    [ref('PatchEntityBody')]: ref(names.patch),
    [ref('BulkEntitiesBody')]: ref(names.bulk),
  };
  const blueprintParam = paramRef('BlueprintId').$ref;
  const paths: Record<string, object> = {};
  for (const suffix of TYPED_SUFFIXES) {
    const item = doc.paths[`${GENERIC}${suffix}`];
    if (!item) continue;
    const typed = swapRefs(item, swap) as Record<string, unknown> & { parameters?: Array<{ $ref?: string }> };
    typed.parameters = (typed.parameters ?? []).filter((p) => p.$ref !== blueprintParam);
    for (const method of METHODS) {
      const op = typed[method] as { operationId: string; tags: string[]; description?: string } | undefined;
      if (!op) continue;
      op.operationId = /Entit/.test(op.operationId) ? op.operationId.replace('Entit', `${prefix}Entit`) : `${op.operationId}${prefix}`;
      op.tags = [tag];
      op.description = [`Typed for the blueprint \`${bp.id}\`.`, op.description].filter(Boolean).join(' ');
      Object.assign(op, { 'x-blueprint': bp.id });
    }
    paths[`/api/v1/teams/{team}/blueprints/${encodeURIComponent(bp.id)}${suffix}`] = typed;
  }
  return paths;
}

/** Adds the blueprint's components, paths and tag to `doc` (which it changes). */
export function addTypedBlueprint(doc: Doc & { tags: Array<{ name: string; description?: string }> }, bp: TeamBlueprint): TypedNames {
  const schemas = doc.components.schemas;
  const taken = (name: string) => Object.hasOwn(schemas, name);
  const names = uniqueNames(bp.id, taken);
  const prefix = names.entity.slice(0, -'Entity'.length);
  Object.assign(schemas, typedSchemas(doc, bp, names, taken));
  const tag = `Blueprint: ${bp.id}`;
  doc.tags.push({
    name: tag,
    description: [`Entities of **${bp.title}**, typed by its schema (\`${names.data}\`).`, bp.description].filter(Boolean).join(' '),
  });
  Object.assign(doc.paths, typedPaths(doc, bp, names, prefix, tag));
  return names;
}
