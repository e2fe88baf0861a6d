import { describe, expect, it } from 'vitest';
import { csvColumns } from '@/lib/export/csv-columns';
import { parseExportParams } from '@/lib/export/parse-export-params';
import { exportHref } from './export-href';
import { fieldsOf } from './fields';
import { DEFAULT_VIEW } from './view-state';

// The table's export links against the server's own parsers: what the UI sends is what the export
// route accepts (the same query, q and columns), so the file has the table's rows and columns.

const SCHEMA = {
  type: 'object',
  properties: {
    tier: { type: 'integer' },
    meta: { type: 'object', properties: { region: { type: 'string' } } },
    owner: { type: 'string' },
  },
};
const fields = fieldsOf(
  SCHEMA,
  [{ id: 'runs_on', title: 'Runs on', targetSchema: { type: 'object', properties: {} } }],
  [{ identifier: 'prod', title: 'Prod', levels: [{ name: 'Gold', color: 'yellow' }], rules: [] } as never],
);
const byKey = (keys: string[]) => keys.map((k) => fields.find((f) => f.key === k)!);

describe('exportHref', () => {
  it("carries the view's query, q and shown columns, and the server accepts every column", () => {
    const query = { combinator: 'and' as const, rules: [{ property: 'tier', operator: '>=' as const, value: 2 }] };
    const shown = byKey(['owner', '$identifier', 'meta.region', 'runs_on', '$updated_at']);
    const href = exportHref('acme', 'service', 'csv', { ...DEFAULT_VIEW, query, q: ' api ' }, shown);
    const url = new URL(href, 'http://localhost');
    expect(url.pathname).toBe('/api/v1/teams/acme/export');
    const request = parseExportParams(url);
    expect(request).toMatchObject({
      format: 'csv',
      blueprint: 'service',
      q: 'api',
      columns: '$identifier,$title,owner,meta.region,runs_on,$updated_at',
    });
    expect(request.query).toMatchObject({ combinator: 'and', rules: [{ property: 'tier', operator: '>=', value: 2 }] });
    const columns = csvColumns(request.columns, { schema: SCHEMA, relationIds: ['runs_on'] });
    expect(columns.map((c) => c.header)).toEqual(['identifier', 'title', 'owner', 'meta.region', 'runs_on', 'updated_at']);
  });

  it('leaves out scorecard columns (the entity column stays first), an empty query and the columns of a JSON export', () => {
    const scorecard = fields.find((f) => f.kind === 'scorecardLevel');
    expect(scorecard).toBeDefined();
    const csv = new URL(exportHref('acme', 'service', 'csv', DEFAULT_VIEW, [...byKey(['$title']), scorecard!]), 'http://localhost');
    expect(csv.searchParams.get('columns')).toBe('$identifier,$title'); // the table's entity column, always first
    expect(csv.searchParams.has('query')).toBe(false);
    const json = new URL(exportHref('acme', 'service', 'json', DEFAULT_VIEW, byKey(['$title'])), 'http://localhost');
    expect([...json.searchParams.keys()]).toEqual(['format', 'blueprint']);
  });
});
