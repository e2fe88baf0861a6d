import { describe, expect, it } from 'vitest';
import { blueprintValidator, createValidatorCache, validateEntityData } from './blueprint-validator';

const schema = {
  type: 'object',
  required: ['version'],
  properties: { version: { type: 'string', format: 'semver' }, port: { type: 'integer' } },
};
const bp = (version: number, s: object = schema, id = 'service', uid = `uid-of-${id}`) => ({
  teamId: '00000000-0000-0000-0000-000000000001',
  id,
  uid,
  version,
  schema: s,
});

describe('blueprintValidator', () => {
  it('reuses the compiled function for the same blueprint version', () => {
    expect(blueprintValidator(bp(1))).toBe(blueprintValidator(bp(1)));
  });

  it('compiles anew when the version changes, and the new schema applies at once', () => {
    const v1 = blueprintValidator(bp(7));
    const v2 = blueprintValidator(bp(8, { type: 'object', properties: { version: { type: 'integer' } } }));
    expect(v2).not.toBe(v1);
    expect(validateEntityData(bp(7), { version: 3 })).not.toEqual([]);
    expect(validateEntityData(bp(8), { version: 3 })).toEqual([]);
  });

  it('keys by team too: the same id and version in another team is another validator', () => {
    expect(blueprintValidator({ ...bp(1), teamId: '00000000-0000-0000-0000-000000000002' })).not.toBe(blueprintValidator(bp(1)));
  });

  it('keys by uid: a blueprint re-created under the same id (version 1 again) gets its own schema', () => {
    const old = bp(1, { type: 'object', properties: { port: { type: 'string' } } }, 'svc', 'first-row');
    const again = bp(1, { type: 'object', properties: { port: { type: 'integer' } } }, 'svc', 'second-row');
    expect(validateEntityData(old, { port: 80 })).not.toEqual([]);
    expect(validateEntityData(again, { port: 80 })).toEqual([]);
  });

  it('answers 422 (not a 500) for a stored schema that no longer compiles', () => {
    expect(() => validateEntityData(bp(1, { type: 'object', properties: { a: { pattern: '(a)\\1' } } }, 'old'), { a: 'aa' })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('stays bounded, evicting the least recently used', () => {
    const cache = createValidatorCache(3);
    const first = cache.get(bp(1, { type: 'object' }, 'a'));
    cache.get(bp(1, { type: 'object' }, 'b'));
    cache.get(bp(1, { type: 'object' }, 'c'));
    expect(cache.get(bp(1, { type: 'object' }, 'a'))).toBe(first); // a is now the most recent
    cache.get(bp(1, { type: 'object' }, 'd')); // evicts b
    expect(cache.size).toBe(3);
    expect(cache.get(bp(1, { type: 'object' }, 'a'))).toBe(first);
    const b = cache.get(bp(1, { type: 'object' }, 'b')); // recompiled
    expect(cache.size).toBe(3);
    expect(cache.get(bp(1, { type: 'object' }, 'b'))).toBe(b);
  });
});

describe('validateEntityData', () => {
  it('paths faults under /data, a missing required property by its name', () => {
    const faults = validateEntityData(bp(1), { port: 'x' });
    expect(faults.map((f) => f.path).sort()).toEqual(['/data/port', '/data/version']);
  });

  it('checks formats (semver)', () => {
    expect(validateEntityData(bp(1), { version: '1.x' })).toEqual([
      { path: '/data/version', message: 'Must be a semantic version, e.g. 1.2.3' },
    ]);
    expect(validateEntityData(bp(1), { version: '1.2.3-rc.1' })).toEqual([]);
  });
});
