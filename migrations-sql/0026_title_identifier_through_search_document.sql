-- $title and $identifier substring filters (contains, beginsWith, endsWith) through the search
-- document's trigram index, and two GIN indexes fewer on every entity write.
--
-- search_document() (0007) starts with the identifier and the title, so a title or identifier
-- that holds a text makes the document hold it too: `search_document(...) ILIKE '%text%'` on
-- idx_entities_search_trgm finds a superset, and the filter on the column itself rechecks it
-- (lib/search/compile-where.sql.ts). The two indexes this drops answered nothing else.
--
-- Measured on a 100,000-entity blueprint (1,000 `service` entities inserted in a rolled-back
-- transaction, 4 rounds, the bench's sample data): the insert took ~180 ms with every index,
-- ~145 ms without these two, ~110 ms without the search document's index alone and ~48 ms without
-- any GIN index. Each write of an entity updated three trigram posting sets; now one. A title
-- filter now reads the posting lists of the whole document (a title word that is also common in
-- descriptions reads more rows before the recheck): writes happen on every sync, such filters
-- only when someone types them.
DROP INDEX IF EXISTS idx_entities_title_trgm;
DROP INDEX IF EXISTS idx_entities_identifier_trgm;
