import { Prisma } from '@/lib/generated/prisma/client';
import { searchDocumentHas } from './compile-where.sql';

// `q`: a case-insensitive substring of the identifier, the title or any string in data (nested
// objects and arrays included), as one ILIKE on search_document() (0007_search.sql), which the
// trigram index idx_entities_search_trgm serves. One indexed expression rather than an OR of three
// (an OR with an unindexed branch would scan every row).
export function compileQ(q: string | null): Prisma.Sql {
  if (!q) return Prisma.sql`TRUE`;
  return searchDocumentHas(q);
}
