import { RE2JS } from 're2js';

// User-written regular expressions (`pattern`, `patternProperties`, `propertyNames`) run in RE2
// (re2js, pure JavaScript): its time is linear in the input, so `^(a+)+$` against "aaa...!" answers
// at once instead of backtracking for minutes. The price is RE2's syntax: no backreferences and
// no lookaround; such a pattern is refused when a blueprint is saved (check-blueprint-schema.ts).
// JSON Schema patterns are ECMA-262, so they are translated first (`\u00e9`, `(?<name>`, `[^]`).
// Known differences that remain: RE2's `\s` is ASCII whitespace only. Format regexes (semver,
// email...) are ours and stay native RegExps: ajv passes only `pattern`s through this engine.

type RegExpLike = { test: (s: string) => boolean; toString: () => string };

/** The RE2 program of an ECMA-262 pattern; throws RE2's syntax error when RE2 cannot run it. */
export function compileRe2(pattern: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(pattern));
}

/** Why RE2 cannot run `pattern` (backreference, lookaround, too large), or null when it can. */
export function re2Fault(pattern: string): string | null {
  try {
    compileRe2(pattern);
    return null;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return `cannot run in linear time (backreferences and lookaround are not supported): ${why}`;
  }
}

/** ajv's `code.regExp` engine: called with the pattern and ajv's flags ("u", which RE2 always is). */
export function re2RegExp(pattern: string): RegExpLike {
  const re = compileRe2(pattern);
  // ajv keys compiled patterns by toString(): the source identifies the program.
  return { test: (s: string) => re.test(s), toString: () => `re2:${pattern}` };
}
// Only read by ajv's standalone code generation, which Baseplate does not use.
re2RegExp.code = 'require("re2js").RE2JS.compile';
