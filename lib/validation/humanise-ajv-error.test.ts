import { describe, expect, it } from 'vitest';
import { judgeBlueprintSchema } from '@/lib/blueprints/check-blueprint-schema';
import { validateEntityData as browserCheck } from '@/lib/forms/validate-entity-data';
import { validateEntityData as serverCheck } from './blueprint-validator';
import { createAjv } from './create-ajv';
import { humaniseError } from './humanise-ajv-error';

// Messages people read are sentences, never ajv's own phrasing; and the server's 422 details say
// what the entity form says, word for word.

const RAW = /must NOT|must have required property|must be equal to|must match pattern|must match format|^[a-z]/;

const schema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 5 },
    slug: { type: 'string', pattern: '^[a-z]+$' },
    tier: { enum: ['gold', 'silver'] },
    port: { type: 'integer', minimum: 1, maximum: 10, multipleOf: 2 },
    tags: { type: 'array', minItems: 2, maxItems: 3, uniqueItems: true },
    meta: { type: 'object', minProperties: 1 },
    mail: { type: 'string', format: 'email' },
    fixed: { const: 'x' },
    never: { not: {} },
  },
};
const bad = { slug: 'A1', tier: 'bronze', port: 13, tags: ['a', 'a', 'b', 'c'], meta: {}, mail: 'no', fixed: 'y', never: 1, extra: 1 };

describe('humaniseError', () => {
  it('turns every ajv error into a capitalised phrase, not a raw validator message', () => {
    const validate = createAjv().compile(schema);
    expect(validate(bad)).toBe(false);
    const messages = (validate.errors ?? []).map(humaniseError);
    expect(messages.length).toBeGreaterThanOrEqual(10);
    for (const m of messages) expect(m).not.toMatch(RAW);
    // A duplicate is named by its two places, as ajv numbers them.
    expect(messages).toContain('Must not contain duplicates (items 0 and 1 are the same)');
  });

  it('gives the server the words the entity form shows', () => {
    const blueprint = { teamId: 't', id: 'bp', uid: 'uid-bp', version: 1, schema };
    // The first fault per path, as the form keeps it.
    const server: Record<string, string> = {};
    for (const f of serverCheck(blueprint, { ...bad, name: '' })) server[f.path.replace(/^\/data/, '')] ??= f.message;
    const browser = browserCheck(schema, { ...bad, name: '' });
    expect(server['/name']).toBe('Required');
    for (const [path, message] of Object.entries(browser)) expect(server[path], path).toBe(message);
  });

  it('words the meta-schema check of a blueprint schema as a sentence', () => {
    const verdict = judgeBlueprintSchema({ type: 'object', properties: { name: { type: 'strnig' } } });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.details).toEqual([
      { path: '/schema/properties/name/type', message: 'Must be one of: array, boolean, integer, null, number, object, string' },
    ]);
  });
});
