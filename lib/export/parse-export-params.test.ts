import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseExportParams } from './parse-export-params';

// The export's query parameters: the defaults, each combination the route refuses, and what a
// hostile caller sends (e2e/support/hostile.ts sends these to every route): always a 4xx AppError.

const parse = (query: string) => parseExportParams(new URL(`http://localhost/api/v1/teams/t/export?${query}`));
const statusOf = (query: string) => {
  try {
    parse(query);
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
};

describe('parseExportParams', () => {
  it('defaults to the whole catalog as JSON', () => {
    expect(parse('')).toEqual({
      format: 'json',
      blueprint: null,
      query: null,
      q: null,
      includeBlueprints: false,
      onlyBlueprints: false,
      columns: null,
    });
  });

  it('reads a table view: blueprint, query tree, q and CSV columns', () => {
    const query = encodeURIComponent(JSON.stringify({ combinator: 'or', rules: [{ property: 'tier', operator: '>', value: 1 }] }));
    const request = parse(`format=csv&blueprint=service&query=${query}&q=api&columns=$identifier,tier`);
    expect(request).toMatchObject({ format: 'csv', blueprint: 'service', q: 'api', columns: '$identifier,tier' });
    expect(request.query).toMatchObject({ combinator: 'or', rules: [{ property: 'tier', operator: '>', value: 1 }] });
  });

  it('refuses combinations that mean nothing, naming them', () => {
    expect(statusOf('format=xml')).toBe(400);
    expect(statusOf('query=%7B%7D')).toBe(400); // without blueprint
    expect(statusOf('q=x')).toBe(400);
    expect(statusOf('format=json&blueprint=s&columns=a')).toBe(400);
    expect(statusOf('format=csv&include=blueprints')).toBe(400);
    expect(statusOf('only=blueprints&format=csv')).toBe(400);
    expect(statusOf('only=blueprints&blueprint=s')).toBe(400);
    expect(statusOf('include=everything')).toBe(400);
    expect(statusOf('limit=5')).toBe(400);
    expect(statusOf('only=blueprints&format=yaml')).toBe(200);
  });

  it('answers every hostile value with a 4xx, never a crash', () => {
    const values = [
      'a%00b',
      '%FF',
      '%ED%A0%80',
      '1e400',
      'x'.repeat(5000),
      '__proto__',
      'constructor',
      '%5B',
      encodeURIComponent('{"combinator":"and","rules":[{"property":"__proto__","operator":"=","value":"\u0000"}]}'),
      encodeURIComponent('['.repeat(5000)),
      encodeURIComponent(`${'{"rules":['.repeat(2000)}${']}'.repeat(2000)}`),
    ];
    for (const name of ['format', 'blueprint', 'query', 'q', 'include', 'only', 'columns']) {
      for (const value of values) {
        const status = statusOf(`${name}=${value}`);
        expect(status === 200 || (status >= 400 && status < 500), `${name}=${value.slice(0, 30)}: ${status}`).toBe(true);
      }
    }
    // With a blueprint, the query's depth and a hostile property are refused by the search parser.
    expect(statusOf(`blueprint=s&query=${encodeURIComponent(`${'{"rules":['.repeat(20)}${']}'.repeat(20)}`)}`)).toBe(400);
    expect(statusOf(`blueprint=s&query=${encodeURIComponent('['.repeat(5000))}`)).toBe(400);
  });
});
