import type { Field } from './fields';
import { countRules, toApiNode } from './rule-tree';
import type { ViewState } from './view-state';

// The catalog table's "Export" links: GET .../export of the view as it stands (its query, its
// search text and, for CSV, its shown columns). A plain download link, so the server streams the
// file and the browser saves it; nothing is assembled in the page. Scorecard columns are live
// results, not entity data: the export leaves them out (the server would refuse them).

export type ExportLinkFormat = 'csv' | 'json';

/**
 * The shown columns the export can write, in the table's order, after the table's first column
 * (the entity: its title over its identifier), written as identifier and title.
 */
export function exportColumns(columns: Field[]): string[] {
  const shown = columns.filter((c) => c.kind !== 'scorecardLevel' && c.kind !== 'scorecardRule').map((c) => c.key);
  return ['$identifier', '$title', ...shown.filter((k) => k !== '$identifier' && k !== '$title')];
}

export function exportHref(
  team: string,
  blueprint: string,
  format: ExportLinkFormat,
  view: Pick<ViewState, 'query' | 'q'>,
  columns: Field[],
): string {
  const params = new URLSearchParams({ format, blueprint });
  if (countRules(view.query) > 0) params.set('query', JSON.stringify(toApiNode(view.query)));
  if (view.q.trim()) params.set('q', view.q.trim());
  const keys = exportColumns(columns);
  if (format === 'csv') params.set('columns', keys.join(','));
  return `/api/v1/teams/${encodeURIComponent(team)}/export?${params.toString()}`;
}
