// The blueprint editor's model of a JSON Schema, and the conversions both ways. The visual builder
// edits the model; the JSON pane edits the schema; each converts to the other on every change.
// Nothing the builder cannot show is lost: keywords it does not model stay in each node's `extra`
// and are written back, and a property it cannot model at all (a $ref, a oneOf, a type list) is
// kept whole as a `custom` node, editable in the JSON pane.

import { recordOf } from '@/lib/domain/own-keys';

export type JsonObject = Record<string, unknown>;
export type PrimitiveType = 'string' | 'number' | 'integer' | 'boolean';
export type PropertyType = PrimitiveType | 'array' | 'object' | 'custom';

export type Constraints = {
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
};

/** One property (or an array's item schema, which has no name and is never "required"). */
export type SchemaNode = Constraints & {
  /** A stable key for React lists; never written to the schema. */
  key: string;
  name: string;
  required: boolean;
  type: PropertyType;
  title?: string;
  description?: string;
  format?: string;
  enum?: Array<string | number>;
  default?: unknown;
  /** array: the item schema. */
  items?: SchemaNode;
  /** object (or an array item of type object): the properties, in order. */
  properties?: SchemaNode[];
  /** Keywords this node has that the builder does not model, written back as they were. */
  extra: JsonObject;
  /** custom: the whole property schema, as written. */
  raw?: JsonObject;
};

/** The root: its properties and what else the root schema says ($defs, additionalProperties...). */
export type SchemaModel = { properties: SchemaNode[]; extra: JsonObject };

const MODELLED = [
  'type',
  'title',
  'description',
  'format',
  'enum',
  'default',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'items',
  'properties',
  'required',
] as const;
const CONSTRAINTS = ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'] as const;
const COMPOSITE = ['$ref', '$dynamicRef', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'then', 'else', 'const', 'prefixItems'];
const TYPES: PropertyType[] = ['string', 'number', 'integer', 'boolean', 'array', 'object'];

export const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

let counter = 0;
export const newKey = () => `n${++counter}`;

function isModellable(schema: JsonObject): boolean {
  if (COMPOSITE.some((k) => k in schema)) return false;
  if (typeof schema.type !== 'string' || !TYPES.includes(schema.type as PropertyType)) return false;
  if ('enum' in schema && !(Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string' || typeof v === 'number')))
    return false;
  if ('properties' in schema && !isObject(schema.properties)) return false;
  if ('required' in schema && !(Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string'))) return false;
  if ('items' in schema && !isObject(schema.items)) return false;
  return CONSTRAINTS.every((k) => !(k in schema) || (k === 'pattern' ? typeof schema[k] === 'string' : typeof schema[k] === 'number'));
}

function toNode(name: string, schema: unknown, required: boolean): SchemaNode {
  if (!isObject(schema) || !isModellable(schema)) {
    return {
      key: newKey(),
      name,
      required,
      type: 'custom',
      extra: {},
      raw: isObject(schema) ? schema : { description: 'not an object schema', 'x-value': schema },
    };
  }
  const node: SchemaNode = { key: newKey(), name, required, type: schema.type as PropertyType, extra: {} };
  if (typeof schema.title === 'string') node.title = schema.title;
  else if ('title' in schema) node.extra.title = schema.title;
  if (typeof schema.description === 'string') node.description = schema.description;
  else if ('description' in schema) node.extra.description = schema.description;
  if (typeof schema.format === 'string') node.format = schema.format;
  else if ('format' in schema) node.extra.format = schema.format;
  if (Array.isArray(schema.enum)) node.enum = schema.enum as Array<string | number>;
  if ('default' in schema) node.default = schema.default;
  for (const k of CONSTRAINTS) if (k in schema) (node as Record<string, unknown>)[k] = schema[k];
  if (node.type === 'array' && isObject(schema.items)) node.items = toNode('', schema.items, false);
  else if ('items' in schema) node.extra.items = schema.items;
  if (isObject(schema.properties)) node.properties = propertiesOf(schema);
  else if ('required' in schema) node.extra.required = schema.required;
  for (const [k, v] of Object.entries(schema)) if (!(MODELLED as readonly string[]).includes(k)) node.extra[k] = v;
  return node;
}

function propertiesOf(schema: JsonObject): SchemaNode[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(props).map(([name, s]) => toNode(name, s, required.has(name)));
}

export function schemaToModel(schema: JsonObject): SchemaModel {
  const extra: JsonObject = {};
  const known = new Set(Object.keys(isObject(schema.properties) ? schema.properties : {}));
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' || k === 'properties') continue;
    // `required` is rebuilt from the nodes; names it lists that are not properties are kept.
    if (k === 'required') {
      const orphans = Array.isArray(v) ? v.filter((r) => typeof r !== 'string' || !known.has(r)) : v;
      if (!Array.isArray(orphans) || orphans.length > 0) extra.required = orphans;
      continue;
    }
    extra[k] = v;
  }
  return { properties: propertiesOf(schema), extra };
}

function objectParts(nodes: SchemaNode[], orphanRequired?: unknown): JsonObject {
  // Property names are user-chosen (`__proto__` too): own keys of a plain object.
  const properties = recordOf(nodes.map((n) => [n.name, nodeToSchema(n)] as const));
  const required = nodes.filter((n) => n.required).map((n) => n.name);
  const extraRequired = Array.isArray(orphanRequired) ? orphanRequired : [];
  const allRequired = [...required, ...extraRequired.filter((r) => !required.includes(r as string))];
  return { properties, ...(allRequired.length > 0 ? { required: allRequired } : {}) };
}

export function nodeToSchema(node: SchemaNode): JsonObject {
  if (node.type === 'custom') return node.raw ?? {};
  const out: JsonObject = { type: node.type };
  if (node.title !== undefined) out.title = node.title;
  if (node.description !== undefined) out.description = node.description;
  if (node.format !== undefined) out.format = node.format;
  if (node.enum !== undefined) out.enum = node.enum;
  if (node.default !== undefined) out.default = node.default;
  for (const k of CONSTRAINTS) if (node[k] !== undefined) out[k] = node[k];
  if (node.type === 'array' && node.items) out.items = nodeToSchema(node.items);
  if (node.properties) Object.assign(out, objectParts(node.properties));
  for (const [k, v] of Object.entries(node.extra)) if (!(k in out)) out[k] = v;
  return out;
}

export function modelToSchema(model: SchemaModel): JsonObject {
  const { required: orphanRequired, ...extra } = model.extra;
  return { type: 'object', ...objectParts(model.properties, orphanRequired), ...extra };
}

/** A new property of a type, with the shape that type needs (an array gets string items). */
export function newProperty(name: string, type: PropertyType = 'string'): SchemaNode {
  const node: SchemaNode = { key: newKey(), name, required: false, type, extra: {} };
  return withType(node, type);
}

/** The node changed to another type: constraints and children that no longer fit are dropped. */
export function withType(node: SchemaNode, type: PropertyType): SchemaNode {
  const next: SchemaNode = {
    key: node.key,
    name: node.name,
    required: node.required,
    type,
    title: node.title,
    description: node.description,
    extra: node.extra,
  };
  if (type === 'custom') return { ...next, raw: node.type === 'custom' ? node.raw : nodeToSchema(node) };
  const enumFits = node.enum?.every((v) => typeof v === (type === 'string' ? 'string' : 'number'));
  if (type === 'string')
    Object.assign(next, pick(node, ['format', 'minLength', 'maxLength', 'pattern']), enumFits ? { enum: node.enum } : {});
  if (type === 'number' || type === 'integer') Object.assign(next, pick(node, ['minimum', 'maximum']), enumFits ? { enum: node.enum } : {});
  if (type === 'array')
    Object.assign(next, { items: node.items ?? { ...newProperty('', 'string'), name: '' } }, pick(node, ['minItems', 'maxItems']));
  if (type === 'object') next.properties = node.properties ?? [];
  return next;
}

function pick(node: SchemaNode, keys: Array<keyof SchemaNode>): Partial<SchemaNode> {
  const out: Partial<SchemaNode> = {};
  for (const k of keys) if (node[k] !== undefined) (out as Record<string, unknown>)[k] = node[k];
  return out;
}
