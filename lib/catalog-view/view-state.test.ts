import { describe, expect, it } from 'vitest';
import { fieldsOf } from './fields';
import { searchBody } from './search-body';
import { DEFAULT_VIEW, decodeView, encodeView, nextSort, withChange, type ViewState } from './view-state';
import { SERVICE_SCHEMA } from './test-schema';

const fields = fieldsOf(SERVICE_SCHEMA);
const decode = (search: string) => decodeView(new URLSearchParams(search), fields);

describe('view state in the URL', () => {
  const view: ViewState = {
    query: {
      combinator: 'and',
      rules: [
        { property: 'status', operator: 'in', value: ['active', 'retired'] },
        {
          combinator: 'or',
          rules: [
            { property: 'replicas', operator: '>=', value: 2 },
            { property: 'owner', operator: 'isEmpty' },
          ],
        },
      ],
    },
    sort: { property: 'version', order: 'desc' },
    columns: ['status', 'version', '$updated_at'],
    q: 'pay ments',
    pageSize: 25,
    savedView: 'prod-services',
    cursors: ['abc', 'de/f+=='],
  };

  it('round-trips a full view', () => {
    expect(decode(encodeView(view).toString())).toEqual(view);
  });

  it('writes nothing for the default view, and compact rules', () => {
    expect(encodeView(DEFAULT_VIEW).toString()).toBe('');
    expect(encodeView(view).get('filter')).toBe(
      '{"and":[["status","in",["active","retired"]],{"or":[["replicas",">=",2],["owner","isEmpty"]]}]}',
    );
    expect(encodeView(view).get('sort')).toBe('-version');
  });

  it('falls back to defaults on hand-edited garbage, never throws', () => {
    for (const search of [
      'filter={',
      'filter=[1,2',
      'filter=null',
      'filter={"and":5}',
      'sort=-nope',
      'sort=tags',
      'cols=,,x',
      'filter=%E0%A4%A',
    ]) {
      const decoded = decode(search);
      expect(decoded.query.rules).toEqual([]);
      expect(decoded.sort).toBeNull();
      expect(decoded.columns).toBeNull();
    }
  });

  it('keeps the good parts of a partly broken URL', () => {
    const decoded = decode('filter={"and":[["status","=","active"],["ghost","=",1]]}&sort=replicas&cols=nope,status');
    expect(decoded.query.rules).toEqual([{ property: 'status', operator: '=', value: 'active' }]);
    expect(decoded.sort).toEqual({ property: 'replicas', order: 'asc' });
    expect(decoded.columns).toEqual(['status']);
  });

  it('keeps only the offered page sizes and view identifiers; an empty view is "no view"', () => {
    expect(decode('size=25&view=prod').pageSize).toBe(25);
    expect(decode('size=25&view=prod').savedView).toBe('prod');
    expect(decode('size=7&view=Not%20A%20View')).toMatchObject({ pageSize: null, savedView: null });
    expect(decode('view=').savedView).toBe('');
    expect(encodeView({ ...DEFAULT_VIEW, savedView: '' }).toString()).toBe('view=');
  });

  it('clips an overlong search text', () => {
    expect(decode(`q=${'x'.repeat(500)}`).q).toHaveLength(200);
  });
});

describe('view changes', () => {
  it('starts from the first page when the query, sort or text changes, not when columns do', () => {
    const paged = { ...DEFAULT_VIEW, cursors: ['a'] };
    expect(withChange(paged, { q: 'x' }).cursors).toEqual([]);
    expect(withChange(paged, { sort: null }).cursors).toEqual([]);
    expect(withChange(paged, { columns: ['status'] }).cursors).toEqual(['a']);
    expect(withChange(paged, { pageSize: 100 }).cursors).toEqual([]);
  });

  it('toggles a header from ascending to descending', () => {
    expect(nextSort(null, 'a')).toEqual({ property: 'a', order: 'asc' });
    expect(nextSort({ property: 'a', order: 'asc' }, 'a')).toEqual({ property: 'a', order: 'desc' });
    expect(nextSort({ property: 'a', order: 'desc' }, 'a')).toEqual({ property: 'a', order: 'asc' });
    expect(nextSort({ property: 'a', order: 'desc' }, 'b')).toEqual({ property: 'b', order: 'asc' });
  });

  it('builds the search body with the last cursor', () => {
    expect(searchBody({ ...DEFAULT_VIEW, cursors: ['a', 'b'], sort: { property: 'x', order: 'asc' } })).toEqual({
      query: { combinator: 'and', rules: [] },
      sort: [{ property: 'x', order: 'asc' }],
      limit: 50,
      cursor: 'b',
    });
    expect(searchBody({ ...DEFAULT_VIEW, pageSize: 100 }).limit).toBe(100);
  });
});
