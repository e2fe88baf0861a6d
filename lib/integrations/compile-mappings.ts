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

// Most mapping values are plain field paths (`attributes.language`). JSONata evaluates every node
// as a promise, which under the server's async hooks costs far more than reading two fields: such
// an expression is also remembered as its field names, and lib/ingest/map-items.ts reads them
// directly while the values on the way are plain objects (anything else goes to JSONata, whose
// answer is then the same). Names that JSONata reads as operators or literals never qualify.
const FIELD_PATH = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\s*$/;
const NOT_FIELDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);
const fieldPaths = new WeakMap<jsonata.Expression, string[]>();

/** The field names of an expression that is a plain path, else null. */
export function fieldPathOf(expression: jsonata.Expression): string[] | null {
  return fieldPaths.get(expression) ?? null;
}

function rememberFieldPath(source: string, compiled: jsonata.Expression): void {
  if (!FIELD_PATH.test(source)) return;
  const names = source.trim().split('.');
  if (!names.some((n) => NOT_FIELDS.has(n))) fieldPaths.set(compiled, names);
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Compiles every mapping; collects every fault (path `/mappings/<i>/entity/properties/<name>`). */
export function compileMappingsOrFaults(mappings: MappingInput[]): { compiled: CompiledMapping[]; faults: MappingFault[] } {
  const faults: MappingFault[] = [];
  const one = (expression: string | null | undefined, path: string): jsonata.Expression | null => {
    if (expression === undefined || expression === null) return null;
    try {
      const compiled = compileExpression(expression, path);
      rememberFieldPath(expression, compiled);
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
