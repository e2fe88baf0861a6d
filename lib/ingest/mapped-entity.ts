// One item of an ingestion after mapping: what the sync engine upserts. Every source (a webhook's
// JSONata mapping, an uploaded file, a Backstage catalog-info.yaml) produces this shape, so the
// engine has one input. `index` is the item's position in what the client sent: the engine's
// per-item failures name it.
export type MappedEntity = {
  index: number;
  blueprint: string;
  identifier: string;
  title?: string | null;
  properties: Record<string, unknown>;
  relations?: Record<string, string | string[] | null>;
};
