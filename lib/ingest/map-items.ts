import { AppError } from '@/lib/errors';
import { evaluateExpression, TEMPLATE_LIMITS, TemplateError } from '@/lib/actions/template';
import { fastPathOf, type CompiledMapping, type FastPath } from '@/lib/integrations/compile-mappings';
import { INTEGRATION_LIMITS } from '@/lib/integrations/integration-limits';
import type { ItemFailure, MappedEntity } from './mapped-entity';

// Items through an integration's mappings: each item is tried against every mapping in order; a
// mapping applies when its selector is truthy (no selector: always). items_to_parse expands one
// item into many (the array it gives, each element bound as $item while the item stays the
// input). A fault (an expression that fails or hits a limit, an identifier that is not a string)
// fails that item for that mapping only, with the mapping's path; other items go on.

export type MapOutcome = { records: MappedEntity[]; failures: ItemFailure[]; skipped: number };

const truthy = (value: unknown) =>
  !(
    value === undefined ||
    value === null ||
    value === false ||
    value === '' ||
    value === 0 ||
    (Array.isArray(value) && value.length === 0)
  );

class ItemFault extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly identifier?: string,
  ) {
    super(message);
  }
}

/** A fast path's answer; NO_FAST when JSONata must decide (a path through an array, an oversized value, a non-scalar compared). */
const NO_FAST = Symbol('no fast path');

/** The value at a path through plain objects (undefined when a step is missing), or NO_FAST past an array. */
function readFields(names: string[], item: unknown): unknown {
  let value: unknown = item;
  for (const name of names) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) return typeof value === 'object' ? NO_FAST : undefined;
    value = Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
  }
  return value;
}

/**
 * What JSONata would answer for a fast path (compile-mappings.ts), without JSONata: a value at a
 * path through plain objects comes back as JSONata gives it (a terminal array or object is not
 * flattened, and is a copy, as evaluateExpression returns); `path = literal` is false when the
 * value is missing and strict equality for a scalar.
 */
function fastValue(fast: FastPath, item: unknown): unknown {
  const value = readFields(fast.names, item);
  if (value === NO_FAST) return NO_FAST;
  if (fast.equals !== undefined) {
    if (value === undefined) return false;
    return value !== null && typeof value === 'object' ? NO_FAST : value === fast.equals;
  }
  if (typeof value === 'string') return value.length > TEMPLATE_LIMITS.maxOutputChars ? NO_FAST : value;
  if (value === null || typeof value !== 'object') return value;
  const text = JSON.stringify(value);
  return text.length > TEMPLATE_LIMITS.maxOutputChars ? NO_FAST : JSON.parse(text);
}

/**
 * An expression's value over the item: a fast path's at once (no promise: under the server's async
 * hooks every promise costs, and most values of most items take this path), JSONata's otherwise.
 */
function run(expression: CompiledMapping['identifier'], path: string, item: unknown, bindings?: Record<string, unknown>): unknown {
  const fast = fastPathOf(expression);
  if (fast) {
    const value = fastValue(fast, item);
    if (value !== NO_FAST) return value;
  }
  return evaluateExpression(expression, path, item, bindings).catch((error: unknown) => {
    if (error instanceof TemplateError) throw new ItemFault(error.path, error.message);
    throw error;
  });
}

/** run()'s value, awaited only when it is a promise; a fault is re-thrown as `fail` names it. */
async function valueOf(answer: unknown, fail?: (e: ItemFault) => ItemFault): Promise<unknown> {
  if (!(answer instanceof Promise)) return answer;
  try {
    return await answer;
  } catch (error) {
    throw fail && error instanceof ItemFault ? fail(error) : error;
  }
}

async function mapOne(m: CompiledMapping, index: number, item: unknown, bindings?: Record<string, unknown>): Promise<MappedEntity> {
  const at = `/mappings/${m.index}/entity`;
  const id = run(m.identifier, `${at}/identifier`, item, bindings);
  const rawId = id instanceof Promise ? await valueOf(id) : id;
  if (typeof rawId !== 'string' && typeof rawId !== 'number') {
    throw new ItemFault(
      `${at}/identifier`,
      `the identifier expression gives ${rawId === undefined ? 'nothing' : typeof rawId}, not a string`,
    );
  }
  const identifier = String(rawId);
  const fail = (path: string, message: string) => new ItemFault(path, message, identifier);
  const named = (e: ItemFault) => fail(e.path, e.message);
  let title: string | null | undefined;
  if (m.title) {
    const answer = run(m.title, `${at}/title`, item, bindings);
    const value = answer instanceof Promise ? await valueOf(answer, named) : answer;
    if (value !== undefined && value !== null && typeof value !== 'string')
      throw fail(`${at}/title`, 'the title expression gives no string');
    title = (value as string | null | undefined) ?? null;
  }
  const properties: Array<[string, unknown]> = [];
  for (const [name, expression] of m.properties) {
    const path = `${at}/properties/${name}`;
    const answer = run(expression, path, item, bindings);
    const value = answer instanceof Promise ? await valueOf(answer, named) : answer;
    if (value !== undefined) properties.push([name, value]);
  }
  let relations: Array<[string, string | string[] | null]> | undefined;
  if (m.relations.length) {
    relations = [];
    for (const [name, expression] of m.relations) {
      const path = `${at}/relations/${name}`;
      const answer = run(expression, path, item, bindings);
      const value = answer instanceof Promise ? await valueOf(answer, named) : answer;
      if (value === undefined || value === null) relations.push([name, null]);
      else if (typeof value === 'string') relations.push([name, value]);
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) relations.push([name, value as string[]]);
      else throw fail(path, 'a relation expression gives an identifier, a list of identifiers or null');
    }
  }
  // Object.fromEntries defines own properties: a property called "__proto__" stays data.
  return {
    index,
    blueprint: m.blueprint,
    identifier,
    ...(title !== undefined && { title }),
    properties: Object.fromEntries(properties),
    ...(relations && { relations: Object.fromEntries(relations) }),
  };
}

export async function mapItems(mappings: CompiledMapping[], items: unknown[]): Promise<MapOutcome> {
  const records: MappedEntity[] = [];
  const failures: ItemFailure[] = [];
  let skipped = 0;
  const deadline = Date.now() + INTEGRATION_LIMITS.mapBudgetMs;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (Date.now() > deadline) {
      const message = `not mapped: the call's mappings ran longer than ${INTEGRATION_LIMITS.mapBudgetMs} ms in all (mapBudgetMs)`;
      for (let rest = index; rest < items.length; rest++) failures.push({ index: rest, message });
      break;
    }
    let applied = false;
    for (const m of mappings) {
      try {
        const selected = m.selector ? run(m.selector, `/mappings/${m.index}/selector`, item) : true;
        if (!truthy(selected instanceof Promise ? await valueOf(selected) : selected)) continue;
        applied = true;
        if (!m.itemsToParse) {
          records.push(await mapOne(m, index, item));
        } else {
          const expanded = await valueOf(run(m.itemsToParse, `/mappings/${m.index}/items_to_parse`, item));
          const list = expanded === undefined || expanded === null ? [] : Array.isArray(expanded) ? expanded : [expanded];
          if (list.length > INTEGRATION_LIMITS.maxRecordsPerItem) {
            throw new ItemFault(`/mappings/${m.index}/items_to_parse`, `gives more than ${INTEGRATION_LIMITS.maxRecordsPerItem} items`);
          }
          for (const element of list) records.push(await mapOne(m, index, item, { item: element }));
        }
      } catch (error) {
        if (!(error instanceof ItemFault)) throw error;
        failures.push({
          index,
          ...(error.identifier !== undefined && { identifier: error.identifier }),
          path: error.path,
          message: error.message,
        });
      }
      if (records.length > INTEGRATION_LIMITS.maxRecords) {
        throw new AppError('payload_too_large', `the items give more than ${INTEGRATION_LIMITS.maxRecords} entities (maxRecords)`, {
          reason: 'too_many_records',
          limit: INTEGRATION_LIMITS.maxRecords,
        });
      }
    }
    if (!applied) skipped++;
  }
  return { records, failures, skipped };
}
