import { describe, expect, it } from 'vitest';
import { blueprintValidator, createValidatorCache, validateEntityData } from './blueprint-validator';

const schema = { type: 'object', required: ['version'], properties: { version: { type: 'string', format: 'semver' }, port: { type: 'integer' } } };
const bp = (version: number, s: object = schema, id = 'service') => ({ teamId: '00000000-0000-0000-0000-000000000001', id, version, schema: s });

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
    expect(validateEntityData(bp(1), { version: '1.x' })).toEqual([{ path: '/data/version', message: expect.stringContaining('semver') }]);
    expect(validateEntityData(bp(1), { version: '1.2.3-rc.1' })).toEqual([]);
  });
});
