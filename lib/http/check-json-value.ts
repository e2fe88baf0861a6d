// Checks on JSON a client sent, before anything recursive or any database sees it.
//  - Nesting: JSON.parse, ajv and Prisma recurse; 10,000 levels of `[` overflow the stack (a 500).
//    The depth is found by one linear scan of the text, before JSON.parse.
//  - Text the database cannot store: PostgreSQL refuses NUL (U+0000) in text and jsonb, and a lone
//    UTF-16 surrogate (`"\ud800"`, legal JSON) is not Unicode at all. JSON.parse yields both as
//    characters, in values and in member names.
//  - Numbers beyond double range: JSON.parse turns 1e400 into Infinity, which JSON.stringify then
//    writes as null: the value would be lost without a word. (Integers above 2^53 parse to the
//    nearest double and so lose precision; the OpenAPI description of entity data says so.)

export const MAX_JSON_DEPTH = 64;

/** Whether the JSON text nests objects and arrays deeper than `max` (strings are skipped). */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character, `\"` included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textFault(s: string): string | null {
  const bad = BAD_TEXT.exec(s);
  if (!bad) return null;
  return bad[0] === '\u0000' ? 'contains a NUL character (\\u0000)' : 'contains a lone UTF-16 surrogate (not Unicode text)';
}

const token = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export type ValueFault = { path: string; message: string };

/**
 * The first string, member name or number in `value` that cannot be stored as sent, with its JSON
 * pointer; null when there is none. `skip` is a pointer whose array items are not looked at (the
 * bulk route checks each item on its own, so that one bad item fails alone). Call it on parsed
 * JSON whose depth is bounded (jsonDepthExceeds): it recurses. Every request body passes here, so
 * the pointer is built on the way back from a fault, not for every member.
 */
export function findValueFault(value: unknown, path = '', skip?: string): ValueFault | null {
  const skipKeys = skip === undefined ? null : skip.split('/').slice(1);
  const found = faultIn(value, skipKeys, 0);
  if (!found) return null;
  const at =
    path +
    found.keys
      .reverse()
      .map((k) => `/${k}`)
      .join('');
  return { path: at || '/', message: found.message };
}

type Found = { keys: string[]; message: string };

/** `skipKeys`: the skip pointer's tokens while the walk is still on its way (null once off it). */
function faultIn(value: unknown, skipKeys: string[] | null, depth: number): Found | null {
  if (typeof value === 'string') {
    const why = textFault(value);
    return why ? { keys: [], message: why } : null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : { keys: [], message: 'is a number beyond the range of a double (about ±1.8e308)' };
  }
  if (typeof value !== 'object' || value === null) return null;
  const onSkip = skipKeys !== null && depth <= skipKeys.length;
  if (Array.isArray(value)) {
    if (onSkip && depth === skipKeys.length) return null;
    for (let i = 0; i < value.length; i++) {
      const next = onSkip && skipKeys[depth] === String(i) ? skipKeys : null;
      const found = faultIn(value[i], next, depth + 1);
      if (found) return (found.keys.push(String(i)), found);
    }
    return null;
  }
  for (const key in value) {
    const why = textFault(key);
    if (why) return { keys: [token(key)], message: `the member name ${why}` };
    const next = onSkip && skipKeys[depth] === token(key) ? skipKeys : null;
    const found = faultIn((value as Record<string, unknown>)[key], next, depth + 1);
    if (found) return (found.keys.push(token(key)), found);
  }
  return null;
}
