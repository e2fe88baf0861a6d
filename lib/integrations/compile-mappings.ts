import type jsonata from 'jsonata';
import { compileExpression, TemplateError } from '@/lib/actions/template';
import { AppError } from '@/lib/errors';
import type { MappingInput } from './integration-schemas';

// An integration's mappings compiled: every value a JSONata expression, compiled when the
// integration is saved (a fault is a 400 naming the mapping's index and field) and again, once per
// sync, before the first item is mapped. Names of properties and relations are the user's: kept
// in arrays of pairs, never as object keys.

export type CompiledMapping = {
  /** The mapping's position in the integration (0-based). */
  index: number;
  blueprint: string;
  selector: jsonata.Expression | null;
  itemsToParse: jsonata.Expression | null;
  identifier: jsonata.Expression;
  title: jsonata.Expression | null;
  properties: Array<[name: string, expression: jsonata.Expression]>;
  relations: Array<[name: string, expression: jsonata.Expression]>;
};

export type MappingFault = { path: string; message: string };

// Most mapping values are plain field paths (`attributes.language`), and most selectors compare
// one with a literal (`kind = 'service'`). JSONata evaluates every node as a promise, which under
// the server's async hooks costs far more than reading two fields: such an expression is also
// remembered as its field names (and literal), and lib/ingest/map-items.ts reads them directly
// while the values on the way are plain objects (anything else goes to JSONata, whose answer is
// then the same). Names that JSONata reads as operators or literals never qualify.
const PATH = '[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*';
const FIELD_PATH = new RegExp(`^\\s*(${PATH})\\s*$`);
const EQUALS_LITERAL = new RegExp(`^\\s*(${PATH})\\s*=\\s*(?:'([^'\\\\]*)'|"([^"\\\\]*)"|(-?(?:0|[1-9][0-9]{0,14})))\\s*$`);
const NOT_FIELDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

/** What a simple expression reads: a field path, or a field path compared with a literal. */
export type FastPath = { names: string[]; equals?: string | number };
const fastPaths = new WeakMap<jsonata.Expression, FastPath>();

/** The fast path of an expression, else null (JSONata evaluates it). */
export function fastPathOf(expression: jsonata.Expression): FastPath | null {
  return fastPaths.get(expression) ?? null;
}

function rememberFastPath(source: string, compiled: jsonata.Expression): void {
  const field = FIELD_PATH.exec(source);
  const equals = field ? null : EQUALS_LITERAL.exec(source);
  const path = field?.[1] ?? equals?.[1];
  if (!path) return;
  const names = path.split('.');
  if (names.some((n) => NOT_FIELDS.has(n))) return;
  if (!equals) return void fastPaths.set(compiled, { names });
  const literal = equals[2] ?? equals[3] ?? Number(equals[4]);
  fastPaths.set(compiled, { names, equals: literal });
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Compiles every mapping; collects every fault (path `/mappings/<i>/entity/properties/<name>`). */
export function compileMappingsOrFaults(mappings: MappingInput[]): { compiled: CompiledMapping[]; faults: MappingFault[] } {
  const faults: MappingFault[] = [];
  const one = (expression: string | null | undefined, path: string): jsonata.Expression | null => {
    if (expression === undefined || expression === null) return null;
    try {
      const compiled = compileExpression(expression, path);
      rememberFastPath(expression, compiled);
      return compiled;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      faults.push({ path: error.path, message: error.message });
      return null;
    }
  };
  const compiled = mappings.map((m, index): CompiledMapping => {
    const at = `/mappings/${index}`;
    const entries = (values: Record<string, string> | undefined, field: string) =>
      Object.entries(values ?? {}).flatMap(([name, expression]) => {
        const c = one(expression, `${at}/entity/${field}/${escape(name)}`);
        return c ? [[name, c] as [string, jsonata.Expression]] : [];
      });
    return {
      index,
      blueprint: m.blueprint,
      selector: one(m.selector, `${at}/selector`),
      itemsToParse: one(m.items_to_parse, `${at}/items_to_parse`),
      identifier: one(m.entity.identifier, `${at}/entity/identifier`) as jsonata.Expression,
      title: one(m.entity.title, `${at}/entity/title`),
      properties: entries(m.entity.properties, 'properties'),
      relations: entries(m.entity.relations, 'relations'),
    };
  });
  return { compiled, faults };
}

/** Compiles every mapping, or throws a 400 listing each expression that does not compile. */
export function compileMappings(mappings: MappingInput[]): CompiledMapping[] {
  const { compiled, faults } = compileMappingsOrFaults(mappings);
  if (faults.length) {
    const first = faults[0];
    throw new AppError('bad_request', `mapping expression at ${first.path} does not compile: ${first.message}`, {
      reason: 'invalid_expression',
      faults,
    });
  }
  return compiled;
}
