import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { INTEGRATION_LIMITS } from './integration-limits';
import { parsePullBody, pullFormatOf } from './parse-pull-body';

// How a pulled body is read: the Content-Type first, then the URL's extension (a raw GitHub file
// answers text/plain), then JSON and YAML in turn; CSV rows as objects of their header's columns;
// the import's bounds, with the pull's item limit.

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return (error.details as { reason?: string }).reason;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('pullFormatOf', () => {
  it('reads the Content-Type, then the extension, else leaves it to a guess', () => {
    expect(pullFormatOf('application/json; charset=utf-8', 'https://x.example/a.yaml')).toBe('json');
    expect(pullFormatOf('application/vnd.github+json', 'https://x.example/a')).toBe('json');
    expect(pullFormatOf('text/plain', 'https://raw.example/o/r/main/catalog-info.YML')).toBe('yaml');
    expect(pullFormatOf('text/plain', 'https://x.example/items.ndjson?token=1')).toBe('ndjson');
    expect(pullFormatOf(undefined, 'https://x.example/list.csv')).toBe('csv');
    expect(pullFormatOf('application/octet-stream', 'https://x.example/export')).toBeNull();
    expect(pullFormatOf('text/plain', 'https://x.example/v1.2/items')).toBeNull(); // a dot in a folder is no extension
  });
});

describe('parsePullBody', () => {
  it('guesses JSON, then YAML', () => {
    expect(parsePullBody('[{"a": 1}, {"a": 2}]', 'text/plain', 'https://x.example/raw')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parsePullBody('a: 1\n---\na: 2\n', 'text/plain', 'https://x.example/raw')).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads CSV rows as objects of the header, user column names as own keys, empty cells left out', () => {
    const items = parsePullBody('name,__proto__,team\r\nsvc-a,x,\r\n"svc,b",,core\r\n', 'text/csv', 'https://x.example/l') as Array<
      Record<string, unknown>
    >;
    expect(items).toHaveLength(2);
    expect(Object.keys(items[0])).toEqual(['name', '__proto__']);
    expect(Object.getPrototypeOf(items[0])).toBe(Object.prototype);
    expect(items[1]).toEqual({ name: 'svc,b', team: 'core' });
    expect(reasonOf(() => parsePullBody('a,a\r\n1,2\r\n', 'text/csv', 'https://x.example/l'))).toBe('invalid_csv');
    expect(reasonOf(() => parsePullBody('a,b\r\n1\r\n', 'text/csv', 'https://x.example/l'))).toBe('invalid_csv');
  });

  it('keeps the import bounds and the pull item limit', () => {
    const many = JSON.stringify(Array.from({ length: INTEGRATION_LIMITS.maxItems + 1 }, (_, i) => ({ i })));
    expect(reasonOf(() => parsePullBody(many, 'application/json', 'https://x.example/a'))).toBe('too_many_items');
    const rows = ['n', ...Array.from({ length: INTEGRATION_LIMITS.maxItems + 1 }, (_, i) => String(i))].join('\n');
    expect(reasonOf(() => parsePullBody(rows, 'text/csv', 'https://x.example/a'))).toBe('too_many_items');
    expect(reasonOf(() => parsePullBody('['.repeat(100) + ']'.repeat(100), 'application/json', 'https://x.example/a'))).toBe('too_deep');
    expect(reasonOf(() => parsePullBody('{oops', 'application/json', 'https://x.example/a'))).toBe('invalid_json');
    expect(reasonOf(() => parsePullBody('   ', 'text/plain', 'https://x.example/a'))).toBe('empty_file');
  });
});
