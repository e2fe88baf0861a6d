// How big a blueprint's JSON Schema may be. Each bound is what keeps one save, one compile (ajv
// generates code proportional to the schema) and one entity write short; a schema past a bound is
// a 422 naming the bound and where it was reached, never a frozen event loop. The numbers are far
// above what a hand-written blueprint needs (the demo's largest has 14 properties, depth 6).

/** The schema as JSON text, in UTF-8 bytes. */
export const MAX_SCHEMA_BYTES = 256 * 1024;
/** Nesting of objects and arrays inside the schema (`{"properties": {"a": {}}}` is 3 levels). */
export const MAX_SCHEMA_DEPTH = 32;
/** Members of every `properties` and `patternProperties` in the schema, together. */
export const MAX_SCHEMA_PROPERTIES = 1000;
/** `pattern`s, `patternProperties` names and `propertyNames` patterns, together. */
export const MAX_SCHEMA_PATTERNS = 100;
/**
 * `patternProperties` names, together: every member of an entity's object is tested against
 * each of its object's patterns (about 1 µs per test in RE2), so 16 keep a 1 MiB body of short
 * keys under ~2 s of matching even in the worst case.
 */
export const MAX_PATTERN_PROPERTIES = 16;
/** Characters of one pattern. RE2 refuses programs that would be too large by itself as well. */
export const MAX_PATTERN_LENGTH = 1000;

export type LimitFault = { path: string; message: string };

type DepthFrame = { node: unknown; depth: number; key: string; parent: DepthFrame | null };

function pointerOf(frame: DepthFrame, root: string): string {
  const keys: string[] = [];
  for (let f: DepthFrame | null = frame; f?.parent; f = f.parent) keys.push(f.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  return (
    root +
    keys
      .reverse()
      .map((k) => `/${k}`)
      .join('')
  );
}

/**
 * The first place `value` nests deeper than `max` levels of objects and arrays (iterative: it must
 * not overflow the stack on the very input it guards against), or null. Every request body passes
 * here, so the JSON pointer is built only for the answer, from the frames' parent links.
 */
export function tooDeepAt(value: unknown, max: number, root = ''): string | null {
  const stack: DepthFrame[] = [{ node: value, depth: 0, key: '', parent: null }];
  while (stack.length) {
    const frame = stack.pop() as DepthFrame;
    const { node, depth } = frame;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return pointerOf(frame, root) || '/';
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++)
        if (typeof node[i] === 'object') stack.push({ node: node[i], depth: depth + 1, key: String(i), parent: frame });
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (typeof child === 'object') stack.push({ node: child, depth: depth + 1, key, parent: frame });
      }
    }
  }
  return null;
}

/** Depth and size faults of a schema (paths under `/schema`), checked before anything recursive. */
export function schemaSizeFaults(schema: unknown): LimitFault[] {
  const deep = tooDeepAt(schema, MAX_SCHEMA_DEPTH, '/schema');
  if (deep) return [{ path: deep, message: `the schema nests deeper than ${MAX_SCHEMA_DEPTH} levels (MAX_SCHEMA_DEPTH)` }];
  const bytes = new TextEncoder().encode(JSON.stringify(schema)).length;
  if (bytes > MAX_SCHEMA_BYTES) {
    return [{ path: '/schema', message: `the schema is ${bytes} bytes of JSON, more than ${MAX_SCHEMA_BYTES} (MAX_SCHEMA_BYTES)` }];
  }
  return [];
}
