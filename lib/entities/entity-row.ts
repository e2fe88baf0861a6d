/** An entity as the catalog's read statements return it (the search service's rows). */
export type EntityRow = {
  id: string;
  identifier: string;
  title: string | null;
  data: Record<string, unknown>;
  owners: string[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  updatedBy: string | null;
};
