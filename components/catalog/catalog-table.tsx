'use client';

import { useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/settings-page';
import { fieldsOf, type Field, type RelationInfo } from '@/lib/catalog-view/fields';
import type { ScorecardFieldInfo } from '@/lib/catalog-view/scorecard-fields';
import { countRules, toggleFacetValue } from '@/lib/catalog-view/rule-tree';
import { PAGE_SIZE, searchBody } from '@/lib/catalog-view/search-body';
import { PAGE_SIZES, type PageSize } from '@/lib/domain/saved-views';
import { columnable, DEFAULT_VIEW, nextSort, withChange } from '@/lib/catalog-view/view-state';
import { selectClass } from './control-styles';
import { CatalogContext, type CatalogBlueprint } from './catalog-context';
import { ApiError } from '@/lib/web/api-client';
import { CatalogPager } from './catalog-pager';
import { CatalogSearchBox } from './catalog-search-box';
import { CatalogViews } from './catalog-views';
import { applySavedView, viewToOpen } from './saved-view-state';
import { useSavedViews } from './use-saved-views';
import type { SavedViewView } from '@/lib/saved-views/saved-view-view';
import { ColumnPicker } from './column-picker';
import { ExportMenu } from './export-menu';
import { pickColumns } from './entity-table';
import { EntityResultsTable } from './entity-results-table';
import { FacetSidebar } from './facet-sidebar';
import { facetFields } from '@/lib/catalog-view/facet-fields';
import { FilterBuilder } from './filter-builder';
import { RuleSummary } from './rule-summary';
import { useCatalogView } from './use-catalog-view';
import { useColumnPreference } from './use-column-preference';
import { rangeText, totalText } from '@/lib/catalog-view/total-text';
import { useEntitySearch, type SearchInclude } from './use-entity-search';
import type { BulkRelation } from './bulk/bulk-edit-dialog';
import { BulkToolbar } from './bulk/bulk-toolbar';
import { bulkFields } from './bulk/bulk-value-input';
import { useRowSelection } from './bulk/use-row-selection';

// A blueprint's entities: search box, filter builder, facets, chosen columns, sortable headers
// and keyset pages over POST .../entities/search, the whole view in the URL. `relations` (with
// their targets' schemas) add relation columns and filters one hop away; `blueprints` are what a
// "Related to…" rule may name; `scorecards` (empty for a viewer without scorecard:read) add level
// columns and level / rule filters. Saved views (catalog-views.tsx) save and reopen the view;
// `canShare` (entity:write) lets the person share them, `userId` tells their own private ones.

type Props = {
  team: string;
  blueprint: string;
  blueprintTitle: string;
  icon: string | null;
  schema: unknown;
  relations: RelationInfo[];
  blueprints: CatalogBlueprint[];
  scorecards?: ScorecardFieldInfo[];
  canShare?: boolean;
  userId?: string | null;
  /** The blueprint's views the caller sees, as the page rendered them. */
  savedViews?: SavedViewView[];
  /** Each row gets a "Run an action" menu (the page found day-2 or delete actions the caller may run). */
  rowActions?: boolean;
  /** Bulk edits the person may make (entity:write, entity:delete): with either, rows get checkboxes. */
  canBulkEdit?: boolean;
  canBulkDelete?: boolean;
  /** The blueprint's relations, for "Set relation target". */
  bulkRelations?: BulkRelation[];
};

const NO_RELATIONS: BulkRelation[] = [];

function defaultColumns(schema: unknown): string[] {
  return [...pickColumns((schema ?? {}) as Parameters<typeof pickColumns>[0]).map((c) => c.key), '$updated_at'];
}

const NO_SCORECARDS: ScorecardFieldInfo[] = [];

export function CatalogTable({
  team,
  blueprint,
  blueprintTitle,
  icon,
  schema,
  relations,
  blueprints,
  scorecards = NO_SCORECARDS,
  canShare = false,
  userId = null,
  savedViews,
  rowActions = false,
  canBulkEdit = false,
  canBulkDelete = false,
  bulkRelations = NO_RELATIONS,
}: Props) {
  const fields = useMemo(() => fieldsOf(schema, relations, scorecards), [schema, relations, scorecards]);
  const context = useMemo(() => ({ team, blueprints }), [team, blueprints]);
  const { view: urlView, setView } = useCatalogView(fields);
  // A view the URL asks to open is the table's state from this very render (no flash of the plain
  // table, no wasted search); the URL follows.
  const views = useSavedViews(team, blueprint, savedViews);
  const opening = viewToOpen(urlView, views.data?.views);
  const view = opening ? applySavedView(opening, fields, urlView) : urlView;
  useEffect(() => {
    if (opening) setView(applySavedView(opening, fields, urlView));
  }, [opening, fields, urlView, setView]);
  const { saved, save } = useColumnPreference(team, blueprint);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // The facet column can be folded away, for a wide table on a laptop screen.
  const [facetsShown, setFacetsShown] = useState(true);

  const known = new Map(fields.map((f) => [f.key, f]));
  const savedKnown = saved?.filter((k) => known.has(k));
  const columnKeys = view.columns ?? (savedKnown?.length ? savedKnown : defaultColumns(schema));
  const columns = columnKeys.map((k) => known.get(k)).filter((f): f is Field => !!f);
  const facets = useMemo(() => facetFields(fields, schema), [fields, schema]);

  const body = searchBody(view);
  const include: SearchInclude[] = [];
  if (columns.some((c) => c.kind === 'relation')) include.push('related');
  if (columns.some((c) => c.kind === 'scorecardLevel')) include.push('scorecards');
  const search = useEntitySearch(team, blueprint, body, include);
  const page = search.data;
  const ruleCount = countRules(view.query);
  const filtered = ruleCount > 0 || view.q.trim() !== '';
  const busy = search.isPlaceholderData || (search.isFetching && !!page);

  // Selection: kept across pages of one query, cleared when the query or the text changes.
  const pageIds = useMemo(
    () => (search.isPlaceholderData ? [] : (page?.entities ?? []).map((e) => e.identifier)),
    [page, search.isPlaceholderData],
  );
  const selection = useRowSelection(JSON.stringify([body.query, body.q ?? '']), pageIds);
  const selectable = canBulkEdit || canBulkDelete;
  const pageSelectedCount = selection.allMatching ? pageIds.length : pageIds.filter((id) => selection.picked.has(id)).length;
  const pageState = pageIds.length && pageSelectedCount === pageIds.length ? 'all' : pageSelectedCount ? 'some' : 'none';
  const editableFields = useMemo(() => bulkFields(fields), [fields]);

  // A cursor that no longer fits (a link edited by hand, or kept across a change of sort) is not
  // worth an error: start again from the first page, as the server suggests.
  const badCursor =
    search.error instanceof ApiError &&
    search.error.code === 'bad_request' &&
    /cursor/.test(search.error.message) &&
    view.cursors.length > 0;
  useEffect(() => {
    if (badCursor) setView({ ...view, cursors: [] });
  }, [badCursor, view, setView]);

  const setColumns = (next: string[]) => {
    save(next);
    setView({ ...view, columns: next });
  };
  const resetColumns = () => {
    save(null);
    setView({ ...view, columns: null });
  };
  const clearFilters = () => setView(withChange(view, { query: DEFAULT_VIEW.query, q: '' }));

  return (
    <CatalogContext.Provider value={context}>
      <div className="flex items-start gap-6">
        <FacetSidebar
          id="catalog-facets"
          hidden={!facetsShown}
          team={team}
          blueprint={blueprint}
          fields={facets}
          query={view.query}
          q={view.q}
          onToggle={(property, value) => setView(withChange(view, { query: toggleFacetValue(view.query, property, value) }))}
        />
        <div className="min-w-0 flex-1 space-y-3">
          <div className="flex flex-wrap items-center gap-2">
            <CatalogViews
              team={team}
              blueprint={blueprint}
              view={view}
              setView={setView}
              chosenColumns={view.columns ?? (savedKnown?.length ? savedKnown : null)}
              canShare={canShare}
              userId={userId}
            />
            <CatalogSearchBox value={view.q} onSearch={(q) => setView(withChange(view, { q }))} />
            <Button variant={ruleCount ? 'primary' : 'secondary'} aria-expanded={filtersOpen} onClick={() => setFiltersOpen((o) => !o)}>
              Filters{ruleCount ? ` (${ruleCount})` : ''}
            </Button>
            {facets.length > 0 && (
              <Button
                variant="secondary"
                aria-expanded={facetsShown}
                aria-controls="catalog-facets"
                onClick={() => setFacetsShown((o) => !o)}
              >
                {facetsShown ? 'Hide facets' : 'Show facets'}
              </Button>
            )}
            <ColumnPicker fields={fields.filter(columnable)} columns={columnKeys} onChange={setColumns} onReset={resetColumns} />
            <ExportMenu team={team} blueprint={blueprint} view={view} columns={columns} />
            <p className="ml-auto text-sm text-slate-600" aria-live="polite" data-testid="catalog-total">
              {page ? (
                <span className="font-medium text-slate-900">{totalText(page)}</span>
              ) : (
                <span className="inline-block h-4 w-24 animate-pulse rounded bg-slate-200 align-middle" />
              )}
              {filtered && page && <span className="text-slate-500"> match</span>}
            </p>
          </div>
          {filtersOpen ? (
            <FilterBuilder
              key={JSON.stringify(view.query)}
              fields={fields}
              value={view.query}
              onApply={(query) => {
                setView(withChange(view, { query }));
                setFiltersOpen(false);
              }}
              onClose={() => setFiltersOpen(false)}
            />
          ) : (
            ruleCount > 0 && (
              <RuleSummary
                fields={fields}
                query={view.query}
                onEdit={() => setFiltersOpen(true)}
                onClear={() => setView(withChange(view, { query: DEFAULT_VIEW.query }))}
              />
            )
          )}
          {selectable && page && (
            <BulkToolbar
              team={team}
              blueprint={blueprint}
              selection={selection}
              pageSelected={pageState === 'all'}
              total={page.total}
              totalExact={(page.total_relation ?? 'eq') === 'eq'}
              body={body}
              fields={editableFields}
              relations={bulkRelations}
              canWrite={canBulkEdit}
              canDelete={canBulkDelete}
            />
          )}
          {search.error && !badCursor && <ErrorBanner error={search.error} onRetry={() => search.refetch()} />}
          {page && page.entities.length === 0 ? (
            filtered ? (
              <EmptyState icon="🔍" title="No entities match">
                <p>Nothing in {blueprintTitle.toLowerCase()} matches this search and these filters.</p>
                <Button variant="secondary" className="mt-3" onClick={clearFilters}>
                  Clear filters
                </Button>
              </EmptyState>
            ) : view.cursors.length ? (
              <EmptyState icon={icon ?? '📦'} title="No more entities">
                <Button variant="secondary" className="mt-3" onClick={() => setView({ ...view, cursors: [] }, { push: true })}>
                  Back to the first page
                </Button>
              </EmptyState>
            ) : (
              <EmptyState icon={icon ?? '📦'} title={`No ${blueprintTitle.toLowerCase()} entities yet`}>
                Editors add them with New entity, or through the REST API.
              </EmptyState>
            )
          ) : (
            !(search.error && !page) && (
              <EntityResultsTable
                team={team}
                blueprint={blueprint}
                columns={columns}
                entities={page?.entities ?? null}
                skeletonRows={Math.min(view.pageSize ?? PAGE_SIZE, 12)}
                sort={view.sort}
                onSort={(property) => setView(withChange(view, { sort: nextSort(view.sort, property) }))}
                busy={busy}
                rowActions={rowActions}
                selection={
                  selectable
                    ? {
                        isSelected: (id) => selection.allMatching || selection.picked.has(id),
                        pageState,
                        toggle: selection.toggle,
                        setPage: (on) => selection.setPage(pageIds, on),
                      }
                    : undefined
                }
              />
            )
          )}
          {page && (
            <div className="flex flex-wrap items-center justify-between gap-3">
              <label className="flex items-center gap-2 text-sm text-slate-700">
                Rows per page
                <select
                  value={view.pageSize ?? PAGE_SIZE}
                  onChange={(e) => setView(withChange(view, { pageSize: Number(e.target.value) as PageSize }))}
                  className={selectClass}
                >
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              {page.entities.length > 0 && (
                <p className="text-sm text-slate-600" data-testid="catalog-range">
                  {rangeText(view.cursors.length, view.pageSize ?? PAGE_SIZE, page.entities.length, page)}
                </p>
              )}
              <CatalogPager
                page={view.cursors.length + 1}
                hasNext={!!page.next_cursor}
                busy={busy}
                onFirst={() => setView({ ...view, cursors: [] }, { push: true })}
                onPrevious={() => setView({ ...view, cursors: view.cursors.slice(0, -1) }, { push: true })}
                onNext={() => page.next_cursor && setView({ ...view, cursors: [...view.cursors, page.next_cursor] }, { push: true })}
              />
            </div>
          )}
        </div>
      </div>
    </CatalogContext.Provider>
  );
}
