import { describe, expect, it } from 'vitest';
import { DEMO_BLUEPRINTS } from '@/lib/demo/demo-blueprints';
import { validateEntityData } from './validate-entity-data';

const service = DEMO_BLUEPRINTS[0].schema;
const valid = { language: 'Go', lifecycle: 'production', owner_email: 'team@example.com' };

describe('validateEntityData', () => {
  it('accepts valid data', () => {
    expect(validateEntityData(service, valid)).toEqual({});
    expect(
      validateEntityData(service, {
        ...valid,
        version: '1.2.3-rc.1+build.5',
        repository: 'https://github.com/acme/api',
        last_deployed_at: '2026-11-28T13:54:00.000Z',
        tier: 1,
        metadata: { cost_center: 'CC-1234' },
      }),
    ).toEqual({});
  });

  it('maps required errors to the missing property', () => {
    expect(validateEntityData(service, {})).toEqual({
      '/language': 'Required',
      '/lifecycle': 'Required',
      '/owner_email': 'Required',
    });
  });

  it('humanises min/max, enum, type and integer errors', () => {
    const errors = validateEntityData(service, { ...valid, tier: 0, uptime_slo: 101, lifecycle: 'retired' });
    expect(errors).toEqual({
      '/tier': 'Must be at least 1',
      '/uptime_slo': 'Must be at most 100',
      '/lifecycle': 'Must be one of: experimental, production, deprecated',
    });
    expect(validateEntityData(service, { ...valid, tier: 1.5 })).toEqual({ '/tier': 'Must be a whole number' });
  });

  it('checks formats with the server configuration, semver included', () => {
    const errors = validateEntityData(service, {
      ...valid,
      owner_email: 'not-an-email',
      version: '1.2',
      repository: 'not a uri',
      last_deployed_at: '2026-11-28',
    });
    expect(errors).toEqual({
      '/owner_email': 'Must be a valid email address',
      '/version': 'Must be a semantic version, e.g. 1.2.3',
      '/repository': 'Must be a valid URL',
      '/last_deployed_at': 'Must be a valid date and time',
    });
    expect(validateEntityData(service, { ...valid, description: '# any *markdown*' })).toEqual({});
  });

  it('reports nested and array paths, pattern and maxItems', () => {
    const errors = validateEntityData(service, {
      ...valid,
      metadata: { cost_center: 'CC-12', environment: 'prod' },
      tags: Array.from({ length: 11 }, (_, i) => `t${i}`),
      dependencies: ['ok', 3],
    });
    expect(errors).toEqual({
      '/metadata/cost_center': 'Must match the pattern ^CC-[0-9]{4}$',
      '/metadata/environment': 'Must be one of: production, staging, development',
      '/tags': 'Must have at most 10 items',
      '/dependencies/1': 'Must be text',
    });
  });

  it('maps required inside array rows and escapes pointer segments', () => {
    const schema = {
      type: 'object',
      properties: {
        rows: { type: 'array', items: { type: 'object', required: ['a/b'], properties: { 'a/b': { type: 'string', minLength: 2 } } } },
      },
    };
    expect(validateEntityData(schema, { rows: [{ 'a/b': 'x' }, {}] })).toEqual({
      '/rows/0/a~1b': 'Must be at least 2 characters',
      '/rows/1/a~1b': 'Required',
    });
  });

  it('caches the compiled validator per schema object and reports a broken schema at the root', () => {
    const broken = { type: 'object', properties: { a: { type: 'no-such-type' } } };
    expect(validateEntityData(broken, {})).toHaveProperty(['']);
    const schema = { type: 'object', required: ['a'] };
    expect(validateEntityData(schema, {})).toEqual({ '/a': 'Required' });
    expect(validateEntityData(schema, { a: 1 })).toEqual({});
  });
});
