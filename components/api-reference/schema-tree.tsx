import { InlineMarkdown } from './inline-markdown';
import { refName, resolveRef, typeLabel, type OpenApiDoc, type Schema } from './openapi-model';

// A schema as a readable tree of properties: name, type, format, required, enum values and
// description, nested objects and arrays of objects indented below their property. References are
// followed (a recursive one is named, not expanded again); deep levels fold away.

const MAX_DEPTH = 8;
const OPEN_DEPTH = 3; // levels below this start folded

type Expanded =
  | { kind: 'props'; properties: Record<string, Schema>; required: string[]; open: boolean }
  | { kind: 'variants'; variants: Schema[]; word: string };

/** What to show under a schema: its properties, or its variants; `seen` holds the refs above it. */
function expand(doc: OpenApiDoc, schema: Schema, seen: string[]): { node: Expanded | null; seen: string[]; cycle?: string } {
  if (schema.$ref) {
    if (seen.includes(schema.$ref)) return { node: null, seen, cycle: refName(schema.$ref) };
    const target = resolveRef<Schema>(doc, schema.$ref);
    return target ? expand(doc, target, [...seen, schema.$ref]) : { node: null, seen };
  }
  if (schema.properties && Object.keys(schema.properties).length > 0) {
    return {
      node: { kind: 'props', properties: schema.properties, required: schema.required ?? [], open: schema.additionalProperties !== false },
      seen,
    };
  }
  if (schema.items) return expand(doc, schema.items, seen);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const rich = variants.filter((v) => v.type !== 'null');
    if (rich.length === 1) return expand(doc, rich[0], seen);
    return { node: { kind: 'variants', variants, word: schema.oneOf ? 'One of' : 'Any of' }, seen };
  }
  if (schema.allOf?.length === 1) return expand(doc, schema.allOf[0], seen);
  if (schema.allOf) return { node: { kind: 'variants', variants: schema.allOf, word: 'All of' }, seen };
  return { node: null, seen };
}

/** The schema a property shows its facts from: a reference or a `X | null` resolved to X. */
function facts(doc: OpenApiDoc, schema: Schema): Schema {
  const target = schema.$ref ? (resolveRef<Schema>(doc, schema.$ref) ?? schema) : schema;
  const variants = target.anyOf ?? target.oneOf;
  const rich = variants?.filter((v) => v.type !== 'null');
  return rich?.length === 1 ? facts(doc, rich[0]) : target;
}

function Constraints({ s }: { s: Schema }) {
  const parts = [
    s.minimum !== undefined && `≥ ${s.minimum}`,
    s.maximum !== undefined && `≤ ${s.maximum}`,
    s.minLength !== undefined && `length ≥ ${s.minLength}`,
    s.maxLength !== undefined && `length ≤ ${s.maxLength}`,
    s.maxItems !== undefined && `≤ ${s.maxItems} items`,
    typeof s.pattern === 'string' && `pattern ${s.pattern}`,
    s.default !== undefined && `default ${JSON.stringify(s.default)}`,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return <span className="font-mono text-[11px] text-slate-500">{parts.join(' · ')}</span>;
}

function Property({
  doc,
  name,
  schema,
  required,
  depth,
  seen,
}: {
  doc: OpenApiDoc;
  name: string;
  schema: Schema;
  required: boolean;
  depth: number;
  seen: string[];
}) {
  const f = facts(doc, schema);
  const values = f.enum ?? (f.items && facts(doc, f.items).enum);
  const format = f.format ?? (f.items && facts(doc, f.items).format);
  const line = (
    <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
      <code className="font-mono text-[13px] font-semibold text-slate-900">{name}</code>
      <span className="font-mono text-xs text-indigo-700">{typeLabel(schema)}</span>
      {format && <span className="rounded bg-slate-100 px-1.5 font-mono text-[11px] text-slate-600">{format}</span>}
      {required && <span className="text-[11px] font-medium uppercase tracking-wide text-amber-700">required</span>}
      <Constraints s={f} />
    </div>
  );
  const detail = (
    <>
      {(f.description ?? schema.description) && (
        <p className="mt-0.5 text-xs text-slate-500">
          <InlineMarkdown text={f.description ?? schema.description ?? ''} />
        </p>
      )}
      {values && (
        <p className="mt-1 flex flex-wrap items-center gap-1 text-[11px] text-slate-500">
          one of
          {values.map((v) => (
            <code
              key={JSON.stringify(v)}
              className="rounded bg-emerald-50 px-1.5 py-px font-mono text-emerald-800 ring-1 ring-emerald-200 ring-inset"
            >
              {JSON.stringify(v)}
            </code>
          ))}
        </p>
      )}
    </>
  );
  const { node, seen: below, cycle } = expand(doc, schema, seen);
  return (
    <li className="py-1.5">
      {node && depth + 1 < MAX_DEPTH ? (
        <details open={depth + 1 < OPEN_DEPTH} className="group">
          <summary className="flex cursor-pointer list-none items-baseline rounded focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
            <span aria-hidden className="inline-block w-4 shrink-0 text-[10px] text-slate-500 transition group-open:rotate-90">
              ▶
            </span>
            {line}
          </summary>
          <div className="ml-4">{detail}</div>
          <Tree doc={doc} node={node} depth={depth + 1} seen={below} />
        </details>
      ) : (
        <div className="ml-4">
          {line}
          {detail}
          {cycle && <p className="mt-0.5 text-[11px] text-slate-500">↻ recursive: the same {cycle} as above</p>}
        </div>
      )}
    </li>
  );
}

function Tree({ doc, node, depth, seen }: { doc: OpenApiDoc; node: Expanded; depth: number; seen: string[] }) {
  if (node.kind === 'variants') {
    return (
      <div className="ml-4 mt-1 space-y-2 border-l border-slate-200 pl-3">
        <p className="text-xs font-medium text-slate-500">{node.word}:</p>
        {node.variants.map((v, i) => (
          <SchemaTree key={i} doc={doc} schema={v} depth={depth} seen={seen} />
        ))}
      </div>
    );
  }
  return (
    <ul className="ml-4 divide-y divide-slate-100 border-l border-slate-200 pl-3">
      {Object.entries(node.properties).map(([name, sub]) => (
        <Property key={name} doc={doc} name={name} schema={sub} required={node.required.includes(name)} depth={depth} seen={seen} />
      ))}
    </ul>
  );
}

/** A whole schema (a request or response body): its type on top, its properties below. */
export function SchemaTree({ doc, schema, depth = 0, seen = [] }: { doc: OpenApiDoc; schema: Schema; depth?: number; seen?: string[] }) {
  const { node, seen: below } = expand(doc, schema, seen);
  const target = facts(doc, schema);
  return (
    <div className="text-sm">
      <p className="flex flex-wrap items-baseline gap-2">
        <span className="font-mono text-xs text-indigo-700">{typeLabel(schema)}</span>
        {target.description && (
          <span className="text-xs text-slate-500">
            <InlineMarkdown text={target.description} />
          </span>
        )}
      </p>
      {node && <div className="-ml-4">{<Tree doc={doc} node={node} depth={depth} seen={below} />}</div>}
    </div>
  );
}
