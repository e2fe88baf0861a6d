// Hostile variants of requests, derived from the OpenAPI document: for every operation, its path
// parameters, its query parameters and its JSON body are filled with what a hostile caller sends
// (NUL characters, lone surrogates, undecodable percent-escapes, prototype names, numbers beyond
// double range, deep nesting, huge strings). The suite (e2e/hostile-input.api.spec.ts) expects no
// 5xx and the error shape of docs/API.md for every refusal.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  format?: string;
};
type Parameter = { $ref?: string; name: string; in: string; schema?: JsonSchema };
type Operation = { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } };
type PathItem = { parameters?: Parameter[] } & Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>;
export type OpenApiDocument = {
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, JsonSchema>; parameters: Record<string, Parameter> };
};

export type HostileRequest = { what: string; method: string; path: string; body?: string | Buffer };

/** Markers replaced in the JSON text by raw escapes that JSON.stringify cannot produce itself. */
const NUL = 'HOSTILE_NUL';
const SURROGATE = 'HOSTILE_SURROGATE';
const HUGE_NUMBER = 987654321.123456; // replaced by 1e400 in the text

export const PATH_VALUES = [
  '%00',
  'a%00b',
  '%FF',
  '%C0%AF',
  '%ED%A0%80', // a lone surrogate, UTF-8 encoded (not valid UTF-8)
  '%',
  '%E2%82',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'x'.repeat(3000),
  '..%2F..%2Fetc%2Fpasswd',
  '%F0%9F%98%80', // an emoji: valid, must just be a 404 or a value
  '00000000-0000-0000-0000-000000000000',
  "'%20OR%201=1--",
];

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');

export const QUERY_VALUES = [
  'a%00b',
  '%FF',
  '%ED%A0%80',
  '1e400',
  '-1',
  '99999999999999999999999',
  '0000-01-01T00:00:00Z',
  '9999-99-99T99:99:99Z',
  '275760-09-13T00:00:01Z',
  'x'.repeat(5000),
  '__proto__',
  'constructor',
  '%5B',
  encodeURIComponent('{"combinator":"and","rules":[{"property":"__proto__","operator":"=","value":"\u0000"}]}'),
  encodeURIComponent('['.repeat(5000)),
  cursor(['2020-01-01T00:00:00.000Z', 'not-a-uuid']),
  cursor(['0000-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000']),
  cursor([1e308, null]),
  cursor(['\u0000', '\ud800']),
  cursor({ __proto__: 1 }),
];

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components.schemas[s.$ref.split('/').pop()!] ?? {};
  return s;
}

/** A plausible value for a schema: required properties filled, strings as markers, so hostile text can be swapped in. */
export function sampleOf(doc: OpenApiDocument, schema: JsonSchema | undefined, marker: string, depth = 0): unknown {
  const s = resolve(doc, schema);
  if (depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const pick = s.oneOf?.[0] ?? s.anyOf?.[0];
  if (pick) return sampleOf(doc, pick, marker, depth + 1);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((part) => sampleOf(doc, part, marker, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, prop] of Object.entries(s.properties ?? {})) out[name] = sampleOf(doc, prop, marker, depth + 1);
    return out;
  }
  if (type === 'array') return [sampleOf(doc, s.items, marker, depth + 1)];
  if (type === 'integer' || type === 'number') return HUGE_NUMBER;
  if (type === 'boolean') return true;
  return marker;
}

/** The JSON text of a sample, with its markers turned into the hostile escapes. */
function hostileText(value: unknown): string {
  return JSON.stringify(value).replaceAll(NUL, 'a\\u0000b').replaceAll(SURROGATE, '\\ud800').replaceAll(String(HUGE_NUMBER), '1e400');
}

function nest(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Hostile bodies for an operation whose body follows `schema`. */
export function hostileBodies(doc: OpenApiDocument, schema: JsonSchema | undefined): Array<{ what: string; body: string | Buffer }> {
  const withNul = sampleOf(doc, schema, NUL);
  const withSurrogate = sampleOf(doc, schema, SURROGATE);
  const plain = sampleOf(doc, schema, 'x');
  const object = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const bodies: Array<{ what: string; body: string | Buffer }> = [
    { what: 'NUL in every string', body: hostileText(withNul) },
    { what: 'a lone surrogate in every string', body: hostileText(withSurrogate) },
    { what: '1e400 in every number', body: hostileText(plain) },
    { what: 'NUL in a key', body: hostileText({ ...object(plain), [`k${NUL}`]: 1 }) },
    { what: '__proto__ member', body: JSON.stringify(object(plain)).replace(/^\{/, '{"__proto__":{"polluted":true},') },
    { what: 'constructor member', body: hostileText({ ...object(plain), constructor: { prototype: { polluted: true } } }) },
    { what: 'nested 10,000 deep', body: nest(10_000) },
    { what: 'an array 10,000 deep', body: `${'['.repeat(10_000)}${']'.repeat(10_000)}` },
    { what: 'a string of 900 KB', body: JSON.stringify({ ...object(plain), x: 'y'.repeat(900_000) }) },
    { what: 'not JSON', body: '{"a":' },
    { what: 'a JSON array', body: '[]' },
    { what: 'JSON null', body: 'null' },
    { what: 'invalid UTF-8 bytes', body: Buffer.from('{"a":"\xff\xfe\xc0\xaf"}', 'latin1') },
  ];
  // Nested hostility where a body holds free-form objects (entity data, schemas, relations).
  for (const key of ['data', 'schema', 'relations', 'query']) {
    if (key in object(plain)) {
      bodies.push({
        what: `${key} nested 10,000 deep`,
        body: JSON.stringify({ ...object(plain), [key]: 0 }).replace(`"${key}":0`, `"${key}":${nest(10_000)}`),
      });
      bodies.push({
        what: `${key} with prototype keys`,
        body: hostileText({ ...object(plain), [key]: { constructor: 1, toString: NUL, valueOf: [1e10], hasOwnProperty: {} } }).replace(
          `"${key}":{`,
          `"${key}":{"__proto__":{"x":1},`,
        ),
      });
    }
  }
  return bodies;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Every hostile request for every operation of the document. `real` gives a working value for each
 * path parameter (so the hostility reaches the handler, not just the router); a write with a body
 * uses the `sacrificial` values where given (a member, role or key the suite may lose).
 */
export function hostileRequests(doc: OpenApiDocument, real: Record<string, string>, sacrificial: Record<string, string>): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        p.$ref ? doc.components.parameters[p.$ref.split('/').pop()!] : p,
      );
      const names = [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]);
      const fill = (values: Record<string, string>, override?: [string, string]) =>
        template.replace(/\{([a-z_]+)\}/g, (_, name: string) =>
          override && name === override[0] ? override[1] : (values[name] ?? real[name] ?? 'x'),
        );
      const tag = `${method.toUpperCase()} ${template}`;
      // Path parameters: each in turn hostile, the others real. DELETE only ever with hostile values.
      for (const name of names) {
        for (const value of PATH_VALUES)
          out.push({ what: `${tag} {${name}}=${value.slice(0, 30)}`, method, path: fill(real, [name, value]) });
      }
      if (method === 'delete') continue;
      // Query parameters: each in turn hostile, plus one unknown.
      const base = method === 'get' ? fill(real) : fill(sacrificial);
      for (const p of params.filter((x) => x?.in === 'query')) {
        for (const value of QUERY_VALUES)
          out.push({ what: `${tag} ?${p.name}=${value.slice(0, 30)}`, method, path: `${base}?${p.name}=${value}` });
      }
      out.push({ what: `${tag} ?%00=1`, method, path: `${base}?%00=1&%FF=%FF` });
      // Bodies.
      const schema = op.requestBody?.content['application/json']?.schema;
      if (schema) {
        for (const { what, body } of hostileBodies(doc, schema)) out.push({ what: `${tag} body: ${what}`, method, path: base, body });
      }
    }
  }
  return out;
}
