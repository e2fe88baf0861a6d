import type { ErrorObject } from 'ajv';

// One ajv error as a person reads it: a capitalised phrase about the value ("Must be at least 3",
// "Required"), never ajv's own "must NOT have fewer than 1 characters". Isomorphic: the entity
// form (lib/forms) and the server's 422 details (entity data, request bodies, blueprint schemas,
// action inputs) say the same words, so what the form shows before submitting is what the
// server answers after.

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'Must be a valid email address',
  uri: 'Must be a valid URL',
  url: 'Must be a valid URL (http or https)',
  date: 'Must be a valid date (YYYY-MM-DD)',
  'date-time': 'Must be a valid date and time',
  time: 'Must be a valid time',
  semver: 'Must be a semantic version, e.g. 1.2.3',
  uuid: 'Must be a valid UUID',
  ipv4: 'Must be a valid IPv4 address',
  ipv6: 'Must be a valid IPv6 address',
  hostname: 'Must be a valid host name',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'empty',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The humanised message of one ajv error. */
export function humaniseError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'Required';
    case 'minimum':
      return `Must be at least ${p.limit}`;
    case 'maximum':
      return `Must be at most ${p.limit}`;
    case 'exclusiveMinimum':
      return `Must be greater than ${p.limit}`;
    case 'exclusiveMaximum':
      return `Must be less than ${p.limit}`;
    case 'multipleOf':
      return `Must be a multiple of ${p.multipleOf}`;
    case 'minLength':
      return p.limit === 1 ? 'Required' : `Must be at least ${plural(Number(p.limit), 'character')}`;
    case 'maxLength':
      return `Must be at most ${plural(Number(p.limit), 'character')}`;
    case 'minItems':
      return `Must have at least ${plural(Number(p.limit), 'item')}`;
    case 'maxItems':
      return `Must have at most ${plural(Number(p.limit), 'item')}`;
    case 'uniqueItems':
      // ajv's own numbers (params i and j), as its message gives them: which two to look at.
      return p.i === undefined ? 'Must not contain duplicates' : `Must not contain duplicates (items ${p.j} and ${p.i} are the same)`;
    case 'pattern':
      return `Must match the pattern ${p.pattern}`;
    case 'enum':
      return `Must be one of: ${(p.allowedValues as unknown[]).map(show).join(', ')}`;
    case 'const':
      return `Must be ${show(p.allowedValue)}`;
    case 'format':
      return FORMAT_MESSAGES[String(p.format)] ?? `Must be a valid ${p.format}`;
    case 'type': {
      const types = String(p.type).split(',');
      return `Must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
    }
    case 'additionalProperties':
      return `Unknown property "${p.additionalProperty}"`;
    case 'minProperties':
      return `Must have at least ${plural(Number(p.limit), 'field')}`;
    case 'maxProperties':
      return `Must have at most ${plural(Number(p.limit), 'field')}`;
    case 'dependentRequired':
      return `Required with ${p.property}`;
    default: {
      // ajv's own wording, made a sentence ("must NOT be valid" -> "Must not be valid").
      const m = (error.message ?? 'is not valid').replace(/\bNOT\b/g, 'not');
      return m[0].toUpperCase() + m.slice(1);
    }
  }
}
