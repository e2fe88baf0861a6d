import jsonata from 'jsonata';

// Templates of actions and automations (API.md "Actions and runs"): any string in a step's
// settings, or in an automation's inputs, may hold JSONata expressions written "{{ expression }}",
// evaluated over {inputs, entity, run, actor} (steps) or {event, entity, before, after}
// (automations).
// * A string that is exactly one expression ("{{ inputs.replicas }}") becomes the expression's
//   value, whatever its type (a number stays a number, an object an object).
// * A string with text around expressions ("svc-{{ inputs.name }}") becomes a string: each
//   expression's value is written in (strings as they are, other values as JSON, nothing for no value).
// * Every other value is kept as it is; objects and arrays are walked.
// JSONata is a full language and its input is the user's: each evaluation is boxed by time, depth
// and output size (TEMPLATE_LIMITS), so a template cannot hold the server.

export const TEMPLATE_LIMITS = {
  /** Per expression, wall time of the evaluation. */
  timeoutMs: 250,
  /** Nesting of the evaluator (deep recursion in a user-defined function). */
  maxDepth: 300,
  /** Characters in one rendered template (its JSON). */
  maxOutputChars: 256 * 1024,
  /** Expressions in one template (a settings object). */
  maxExpressions: 200,
  /** Characters in one expression. */
  maxExpressionChars: 4000,
};

export type TemplateFault = { path: string; message: string };

/** A template that cannot be compiled or evaluated; `path` names the string in the settings. */
export class TemplateError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

const WHOLE = /^\s*\{\{([\s\S]*?)\}\}\s*$/;
const PART = /\{\{([\s\S]*?)\}\}/g;

type Piece = { text: string } | { expression: string };

function piecesOf(value: string): Piece[] | null {
  if (!value.includes('{{')) return null;
  const whole = WHOLE.exec(value);
  if (whole && !whole[1].includes('}}')) return [{ expression: whole[1] }];
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of value.matchAll(PART)) {
    if (match.index > last) pieces.push({ text: value.slice(last, match.index) });
    pieces.push({ expression: match[1] });
    last = match.index + match[0].length;
  }
  if (last < value.length) pieces.push({ text: value.slice(last) });
  return pieces;
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Every expression of a template, with the JSON pointer of the string that holds it. */
function expressionsOf(value: unknown, path: string, out: { path: string; expression: string }[]): void {
  if (typeof value === 'string') {
    for (const piece of piecesOf(value) ?? []) if ('expression' in piece) out.push({ path, expression: piece.expression });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => expressionsOf(item, pointer(path, i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) expressionsOf(item, pointer(path, key), out);
  }
}

/** One expression compiled (syntax and TEMPLATE_LIMITS' length checked); TemplateError naming `path` otherwise. */
export function compileExpression(expression: string, path: string): jsonata.Expression {
  if (!expression.trim()) throw new TemplateError(path, 'an empty expression between {{ and }}');
  if (expression.length > TEMPLATE_LIMITS.maxExpressionChars) {
    throw new TemplateError(path, `an expression is longer than ${TEMPLATE_LIMITS.maxExpressionChars} characters`);
  }
  try {
    return jsonata(expression);
  } catch (error) {
    throw new TemplateError(path, `not a valid JSONata expression: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') {
    return error.message.slice(0, 300);
  }
  return 'the expression failed';
}

/**
 * The faults of a template (syntax, limits), each with the JSON pointer of its string under
 * `path`; [] when every expression compiles. Checked when an action or automation is saved.
 */
export function checkTemplate(value: unknown, path = ''): TemplateFault[] {
  const found: { path: string; expression: string }[] = [];
  expressionsOf(value, path, found);
  if (found.length > TEMPLATE_LIMITS.maxExpressions) {
    return [{ path: path || '/', message: `at most ${TEMPLATE_LIMITS.maxExpressions} expressions in one template` }];
  }
  const faults: TemplateFault[] = [];
  for (const { path: at, expression } of found) {
    try {
      compileExpression(expression, at);
    } catch (error) {
      if (error instanceof TemplateError) faults.push({ path: error.path, message: error.message });
      else throw error;
    }
  }
  return faults;
}

/** Whether a value holds any template expression. */
export function hasExpressions(value: unknown): boolean {
  const found: { path: string; expression: string }[] = [];
  expressionsOf(value, '', found);
  return found.length > 0;
}

async function evaluate(expression: string, path: string, scope: object): Promise<unknown> {
  return evaluateExpression(compileExpression(expression, path), path, scope);
}

/**
 * Evaluates a compiled expression over `input` (with `bindings` as $variables), boxed by
 * TEMPLATE_LIMITS (time, depth, output size), as plain JSON. The integrations' mappings use it too
 * (lib/integrations), compiling once per sync. Not re-entrant on one compiled expression: its
 * limit hooks are set per call, so evaluations of one expression are awaited one after another.
 */
export async function evaluateExpression(
  compiled: jsonata.Expression,
  path: string,
  input: unknown,
  bindings?: Record<string, unknown>,
): Promise<unknown> {
  // performance.now(): Next.js wraps Date in the server (dynamic-IO tracking), and this runs per node.
  const started = performance.now();
  let depth = 0;
  const check = () => {
    if (depth > TEMPLATE_LIMITS.maxDepth) throw new TemplateError(path, 'the expression nests too deeply');
    if (performance.now() - started > TEMPLATE_LIMITS.timeoutMs) {
      throw new TemplateError(path, `the expression ran longer than ${TEMPLATE_LIMITS.timeoutMs} ms`);
    }
  };
  type Hook = (expr: unknown, input: unknown, environment: { isParallelCall?: boolean }) => void;
  const entry: Hook = (_e, _i, environment) => {
    if (environment.isParallelCall) return;
    depth++;
    check();
  };
  const exit: Hook = (_e, _i, environment) => {
    if (environment.isParallelCall) return;
    depth--;
    check();
  };
  // jsonata looks these hooks up by symbol; its typings only know string names.
  const assign = compiled.assign.bind(compiled) as unknown as (name: symbol, value: unknown) => void;
  assign(Symbol.for('jsonata.__evaluate_entry'), entry);
  assign(Symbol.for('jsonata.__evaluate_exit'), exit);
  try {
    return toJson(await compiled.evaluate(input, bindings), path);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw new TemplateError(path, `the expression failed: ${messageOf(error)}`);
  }
}

/** A JSONata result as plain JSON: sequences become arrays, functions and undefined go. */
function toJson(value: unknown, path: string): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'function') throw new TemplateError(path, 'the expression gives a function, not a value');
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  if (text.length > TEMPLATE_LIMITS.maxOutputChars) {
    throw new TemplateError(path, `the expression gives more than ${TEMPLATE_LIMITS.maxOutputChars} characters`);
  }
  return JSON.parse(text);
}

async function renderString(value: string, path: string, scope: object): Promise<unknown> {
  const pieces = piecesOf(value);
  if (!pieces) return value;
  if (pieces.length === 1 && 'expression' in pieces[0]) return evaluate(pieces[0].expression, path, scope);
  let out = '';
  for (const piece of pieces) {
    if ('text' in piece) {
      out += piece.text;
      continue;
    }
    const result = await evaluate(piece.expression, path, scope);
    if (result === undefined || result === null) continue;
    out += typeof result === 'string' ? result : JSON.stringify(result);
  }
  return out;
}

/**
 * Renders a template over `scope`: every string holding expressions is replaced by its value
 * (an expression without a value leaves the member out of an object, null in an array).
 * Throws TemplateError naming the string's path on a fault or a limit.
 */
export async function renderTemplate(value: unknown, scope: object, path = ''): Promise<unknown> {
  let total = 0;
  const walk = async (item: unknown, at: string): Promise<unknown> => {
    if (typeof item === 'string') {
      const result = await renderString(item, at, scope);
      total += typeof result === 'string' ? result.length : (JSON.stringify(result) ?? '').length;
      if (total > TEMPLATE_LIMITS.maxOutputChars) {
        throw new TemplateError(at, `the template gives more than ${TEMPLATE_LIMITS.maxOutputChars} characters`);
      }
      return result;
    }
    if (Array.isArray(item)) {
      const out: unknown[] = [];
      for (let i = 0; i < item.length; i++) out.push((await walk(item[i], pointer(at, i))) ?? null);
      return out;
    }
    if (item !== null && typeof item === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(item)) {
        const rendered = await walk(member, pointer(at, key));
        if (rendered !== undefined)
          Object.defineProperty(out, key, { value: rendered, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return item;
  };
  return walk(value, path);
}
