import { describe, expect, it } from 'vitest';
import { diffLabel, diffVersions } from './entity-diff';

describe('diffVersions', () => {
  it('names added, removed and changed fields, nested paths included', () => {
    const lines = diffVersions(
      { title: 'API', data: { tier: 1, owner: { email: 'a@x.io', team: 'core' }, gone: true } },
      { title: 'API v2', data: { tier: 2, owner: { email: 'b@x.io', team: 'core', slack: '#api' }, fresh: 'yes' } },
    );
    expect(lines).toEqual([
      { path: 'title', kind: 'changed', before: 'API', after: 'API v2', scope: 'title' },
      { path: 'tier', kind: 'changed', before: 1, after: 2 },
      { path: 'owner.email', kind: 'changed', before: 'a@x.io', after: 'b@x.io' },
      { path: 'owner.slack', kind: 'added', after: '#api' },
      { path: 'gone', kind: 'removed', before: true },
      { path: 'fresh', kind: 'added', after: 'yes' },
    ]);
  });

  it('reports a list of plain values as the values that came and went', () => {
    expect(diffVersions({ title: null, data: { tags: ['a', 'b'] } }, { title: null, data: { tags: ['b', 'c'] } })).toEqual([
      { path: 'tags', kind: 'list', added: ['c'], removed: ['a'], before: ['a', 'b'], after: ['b', 'c'] },
    ]);
  });

  it('walks arrays of objects by index', () => {
    const lines = diffVersions(
      { title: null, data: { endpoints: [{ url: 'https://a', port: 1 }] } },
      { title: null, data: { endpoints: [{ url: 'https://a', port: 2 }, { url: 'https://b' }] } },
    );
    expect(lines).toEqual([
      { path: 'endpoints[0].port', kind: 'changed', before: 1, after: 2 },
      { path: 'endpoints[1]', kind: 'added', after: { url: 'https://b' } },
    ]);
  });

  it('is empty for equal versions, and treats a null title as absent', () => {
    expect(diffVersions({ title: null, data: { a: { b: [1] } } }, { title: null, data: { a: { b: [1] } } })).toEqual([]);
    expect(diffVersions({ title: null, data: {} }, { title: 'T', data: {} })).toEqual([
      { path: 'title', kind: 'added', after: 'T', scope: 'title' },
    ]);
  });

  it('a value that changes type is one changed line', () => {
    expect(diffVersions({ title: null, data: { x: { a: 1 } } }, { title: null, data: { x: 'flat' } })).toEqual([
      { path: 'x', kind: 'changed', before: { a: 1 }, after: 'flat' },
    ]);
  });

  it('compares links where both records hold them, one line per relation', () => {
    const older = { title: null, data: {}, relations: { owner: 'team-a', uses: ['db', 'cache'] } };
    const newer = { title: null, data: {}, relations: { owner: 'team-b', uses: ['db'] } };
    expect(diffVersions(older, newer)).toEqual([
      { path: 'owner', kind: 'list', added: ['team-b'], removed: ['team-a'], before: ['team-a'], after: ['team-b'], scope: 'relation' },
      { path: 'uses', kind: 'list', added: [], removed: ['cache'], before: ['db', 'cache'], after: ['db'], scope: 'relation' },
    ]);
    expect(diffVersions({ ...older, relations: null }, newer)).toEqual([]);
  });
});

describe('diffLabel', () => {
  const schema = {
    properties: {
      owner: { title: 'Owner', type: 'object', properties: { email: { title: 'Email', type: 'string' } } },
      endpoints: { title: 'Endpoints', type: 'array', items: { type: 'object', properties: { url: { title: 'URL' } } } },
      plain: { type: 'string' },
      title: { title: 'Headline', type: 'string' },
    },
  };
  it('names a field by the titles along its path, a relation by its title, never by ids where titles exist', () => {
    expect(diffLabel({ path: 'owner.email', kind: 'added', after: 'x' }, schema)).toBe('Owner › Email');
    expect(diffLabel({ path: 'endpoints[1].url', kind: 'added', after: 'x' }, schema)).toBe('Endpoints › 2 › URL');
    expect(diffLabel({ path: 'plain', kind: 'added', after: 'x' }, schema)).toBe('plain');
    expect(diffLabel({ path: 'title', kind: 'added', after: 'x' }, schema)).toBe('Headline');
    expect(diffLabel({ path: 'title', kind: 'added', after: 'x', scope: 'title' }, schema)).toBe('Title');
    expect(diffLabel({ path: 'uses', kind: 'added', after: 'x', scope: 'relation' }, schema, new Map([['uses', 'Depends on']]))).toBe(
      'Depends on',
    );
    expect(diffLabel({ path: 'constructor', kind: 'added', after: 'x' }, schema)).toBe('constructor');
  });
});
