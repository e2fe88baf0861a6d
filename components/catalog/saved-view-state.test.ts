import { describe, expect, it } from 'vitest';
import { fieldsOf } from '@/lib/catalog-view/fields';
import { SERVICE_SCHEMA } from '@/lib/catalog-view/test-schema';
import { DEFAULT_VIEW, decodeView, encodeView, type ViewState } from '@/lib/catalog-view/view-state';
import { viewIdentifierOf } from '@/lib/domain/saved-views';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';
import { applySavedView, differsFromSaved, savedPartOf, viewToOpen } from './saved-view-state';

// A saved view and the table's state: opening one sets the table to it (what no longer fits the
// blueprint falls away), saving sends back what was opened, and "modified" is false until a change.

const fields = fieldsOf(
  SERVICE_SCHEMA,
  [],
  [{ identifier: 'ready', title: 'Ready', levels: [{ name: 'Gold', color: '#ffd700' }], rules: [] }],
);
const saved: SavedViewView = {
  identifier: 'prod',
  blueprint: 'service',
  title: 'Prod',
  shared: true,
  default: false,
  owner_id: null,
  query: {
    combinator: 'and',
    rules: [
      { property: 'status', operator: '=', value: 'active' },
      { scorecard: 'ready', operator: '=', value: 'Gold' },
      { property: 'gone', operator: '=', value: 1 },
    ],
  },
  sort: [{ property: 'replicas', order: 'desc' }],
  columns: ['status', 'replicas', 'vanished'],
  page_size: 25,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('a saved view on the table', () => {
  const opened = applySavedView(saved, fields, { ...DEFAULT_VIEW, q: 'kept', cursors: ['c'] });

  it('opens with its filter, sort, columns and page size; what the blueprint lost falls away', () => {
    expect(opened).toEqual<ViewState>({
      query: {
        combinator: 'and',
        rules: [
          { property: 'status', operator: '=', value: 'active' },
          { property: '$scorecard.ready', operator: '=', value: 'Gold' },
        ],
      },
      sort: { property: 'replicas', order: 'desc' },
      columns: ['status', 'replicas'],
      q: 'kept',
      pageSize: 25,
      savedView: 'prod',
      cursors: [],
    });
  });

  it('survives the URL and is not modified until something changes', () => {
    const back = decodeView(new URLSearchParams(encodeView(opened).toString()), fields);
    const fitting = {
      ...saved,
      query: { combinator: 'and', rules: (saved.query!.rules as unknown[]).slice(0, 2) },
      columns: ['status', 'replicas'],
    };
    expect(differsFromSaved(fitting, savedPartOf(back, back.columns))).toBe(false);
    // Stored as JSONB, the filter comes back with its keys in another order: still the same view.
    const reordered = {
      ...fitting,
      query: {
        rules: [
          { value: 'active', operator: '=', property: 'status' },
          { value: 'Gold', operator: '=', scorecard: 'ready' },
        ],
        combinator: 'and',
      },
    };
    expect(differsFromSaved(reordered, savedPartOf(back, back.columns))).toBe(false);
    expect(differsFromSaved(fitting, savedPartOf({ ...back, sort: null }, back.columns))).toBe(true);
    expect(differsFromSaved(fitting, savedPartOf({ ...back, pageSize: 100 }, back.columns))).toBe(true);
    expect(differsFromSaved(fitting, savedPartOf(back, ['status']))).toBe(true);
  });

  it('saves the API form: scorecard rules as the search takes them, no empty filter, page size or null', () => {
    expect(savedPartOf(opened, ['status'])).toEqual({
      query: {
        combinator: 'and',
        rules: [
          { property: 'status', operator: '=', value: 'active' },
          { scorecard: 'ready', operator: '=', value: 'Gold' },
        ],
      },
      sort: [{ property: 'replicas', order: 'desc' }],
      columns: ['status'],
      page_size: 25,
    });
    expect(savedPartOf(DEFAULT_VIEW, null)).toEqual({ query: null, sort: [], columns: null, page_size: null });
  });

  it('opens ?view=x alone, the default on the plain URL, and nothing once the URL carries state or says ?view=', () => {
    const other = { ...saved, identifier: 'other', default: true };
    const views = [saved, other];
    expect(viewToOpen({ ...DEFAULT_VIEW, savedView: 'prod' }, views)).toBe(saved);
    expect(viewToOpen(DEFAULT_VIEW, views)).toBe(other);
    expect(viewToOpen(DEFAULT_VIEW, [saved])).toBeNull();
    expect(viewToOpen({ ...DEFAULT_VIEW, savedView: '' }, views)).toBeNull();
    expect(viewToOpen({ ...DEFAULT_VIEW, savedView: 'prod', pageSize: 50 }, views)).toBeNull();
    expect(viewToOpen({ ...DEFAULT_VIEW, savedView: 'gone' }, views)).toBeNull();
    expect(viewToOpen({ ...DEFAULT_VIEW, savedView: 'prod' }, undefined)).toBeNull();
  });

  it('suggests a link name from the title', () => {
    expect(viewIdentifierOf('Prod services!')).toBe('prod-services');
    expect(viewIdentifierOf('42 things')).toBe('things');
    expect(viewIdentifierOf('***')).toBe('');
  });
});
