// Reading an OpenAPI 3.1 document for the API reference page: the operations grouped by tag, local
// `$ref`s resolved, and a short type label per schema. Pure functions over the JSON, no React.

export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  title?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Media = { content?: Record<string, { schema?: Schema }> };
export type Response = Media & { $ref?: string; description?: string };
export type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Parameter & { $ref?: string }>;
  requestBody?: Media & { required?: boolean };
  responses: Record<string, Response>;
  'x-permission'?: string;
  'x-access'?: string;
  'x-blueprint'?: string;
};
export type OpenApiDoc = {
  info: { title: string; description?: string };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Parameter>; responses?: Record<string, Response> };
};

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type Method = (typeof METHODS)[number];

export type Endpoint = { method: Method; path: string; op: Operation; parameters: Parameter[] };
export type TagGroup = { name: string; description?: string; endpoints: Endpoint[] };

/** The node a local reference (`#/components/schemas/X`) points at, or undefined. */
export function resolveRef<T>(doc: OpenApiDoc, ref: string): T | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node as T | undefined;
}

/** The last segment of a reference: `#/components/schemas/ServiceEntity` -> `ServiceEntity`. */
export const refName = (ref: string) => decodeURIComponent(ref.split('/').pop() ?? ref);

/** Every operation, grouped by its first tag in the document's tag order (untagged last). */
export function groupByTag(doc: OpenApiDoc): TagGroup[] {
  const groups = new Map<string, TagGroup>(
    (doc.tags ?? []).map((t) => [t.name, { name: t.name, description: t.description, endpoints: [] }]),
  );
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters as Operation['parameters']) ?? [];
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      if (!groups.has(tag)) groups.set(tag, { name: tag, endpoints: [] });
      const parameters = [...shared, ...(op.parameters ?? [])]
        .map((p) => (p.$ref ? resolveRef<Parameter>(doc, p.$ref) : p))
        .filter((p): p is Parameter => !!p);
      groups.get(tag)!.endpoints.push({ method, path, op, parameters });
    }
  }
  return [...groups.values()].filter((g) => g.endpoints.length > 0);
}

/** A short type: `string`, `integer | null`, `array<Person>`, `"service"`, `Person`. */
export function typeLabel(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return variants.map(typeLabel).join(' | ');
  if (schema.allOf) return schema.allOf.map(typeLabel).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const label = types.map((t) => (t === 'array' && schema.items ? `array<${typeLabel(schema.items)}>` : t));
  if (label.length > 0) return label.join(' | ');
  if (schema.enum) return 'enum';
  if (schema.properties) return 'object';
  return 'any';
}

/** An anchor id from any text: `op-createServiceEntity`, `tag-blueprint-service`. */
export function anchor(prefix: string, text: string): string {
  return `${prefix}-${text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** The error codes an operation answers, from its `$ref`ed error responses. */
export function errorStatuses(op: Operation): string[] {
  return Object.entries(op.responses)
    .filter(([status, r]) => !status.startsWith('2') && !status.startsWith('3') && r.$ref)
    .map(([status]) => status);
}

/** What the page sends for one endpoint before it is opened: one line, no schemas. */
export type EndpointLine = { id: string; method: Method; path: string; summary: string; who: string; permission: boolean };
export type TagLines = { name: string; description?: string; endpoints: EndpointLine[] };

/** Who may call an operation, as its badge says: the permission, `public`, `signed in` or `team member`. */
export function whoMayCall(op: Operation): string {
  return op['x-permission'] ?? (op['x-access'] === 'public' ? 'public' : op['x-access'] === 'signed_in' ? 'signed in' : 'team member');
}

/** The groups as lines, the team's slug in every path where the document has `{team}`. */
export function linesOf(groups: TagGroup[], slug: string): TagLines[] {
  return groups.map((g) => ({
    name: g.name,
    description: g.description,
    endpoints: g.endpoints.map((e) => ({
      id: e.op.operationId,
      method: e.method,
      path: e.path.replaceAll('{team}', slug),
      summary: e.op.summary ?? '',
      who: whoMayCall(e.op),
      permission: !!e.op['x-permission'],
    })),
  }));
}

/** The lines whose method, path, summary, permission or tag hold every word of the search. */
export function filterLines(groups: TagLines[], search: string): TagLines[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return groups;
  return groups
    .map((g) => ({
      ...g,
      endpoints: g.endpoints.filter((e) => {
        const text = `${e.method} ${e.path} ${e.summary} ${e.who} ${e.id} ${g.name}`.toLowerCase();
        return words.every((w) => text.includes(w));
      }),
    }))
    .filter((g) => g.endpoints.length > 0);
}
