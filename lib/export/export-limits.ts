// The bounds of an export (GET .../export): each batch is one statement of at most `batchSize`
// rows, so memory holds one batch whatever the catalog's size; the whole stream stops after
// `maxSeconds` (a stalled client cannot hold a stream open for ever); `maxColumns` bounds a CSV's
// width and `maxColumnLength` each column name (a property path).
export const EXPORT_LIMITS = {
  batchSize: 1000,
  maxSeconds: 30 * 60,
  maxColumns: 200,
  maxColumnLength: 200,
  maxBlueprints: 500,
};
