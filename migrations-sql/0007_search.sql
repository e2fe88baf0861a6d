-- Catalog search (lib/search): typed helpers the query compiler emits, and the trigram indexes
-- that serve substring search. Functions and indexes only: nothing Prisma models.

-- search_number / search_string / search_boolean: a JSON value as a SQL value of its own type, or
-- NULL when it has another type (a schema changed with ?force=true can leave odd values behind;
-- a typed comparison never matches them and never raises). Plain SQL so the planner inlines them.
CREATE FUNCTION search_number(v jsonb) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(v) = 'number' THEN v::numeric END;

CREATE FUNCTION search_string(v jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(v) = 'string' THEN v #>> '{}' END;

CREATE FUNCTION search_boolean(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(v) = 'boolean' THEN v::boolean END;

-- An RFC 3339 date-time string as an instant, or NULL when it is not one (never an error). The
-- shape is checked first (the cheap path for garbage; hours, minutes, seconds and offsets within
-- range, as lib/search/parse-instant.ts checks them); the cast itself is guarded because a
-- well-shaped string can still be impossible (2026-02-30). IMMUTABLE is true for this shape only:
-- it always carries its offset, so neither DateStyle nor TimeZone changes the result.
CREATE FUNCTION search_instant(v text) RETURNS timestamptz
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    IF v !~ '^\d{4}-\d{2}-\d{2}[Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([Zz]|[+-](0\d|1[0-5]):[0-5]\d)$' THEN
        RETURN NULL;
    END IF;
    RETURN v::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

-- A semantic version (semver.org 2.0.0) as a text key whose byte order ("C" collation) is semver
-- precedence (§11), or NULL when the string is not a version:
-- * a number (major, minor, patch, numeric prerelease identifiers) is its digit count on 3 digits
--   then its digits, so 9 < 10 < 100 whatever their length (up to 999 digits; longer: NULL);
-- * after the core, '!' starts the prerelease part and '~' marks a release: '!' < '~', so a
--   release sorts after all of its prereleases;
-- * a prerelease identifier is '0' + number (numeric) or '1' + its text (alphanumeric, ASCII
--   order), so numeric identifiers sort first; identifiers are joined by ' ', which is below
--   every identifier character, so a shorter set of equal leading identifiers sorts first;
-- * build metadata (+...) does not take part in precedence and is dropped.
-- lib/search/semver-key.ts is the same function in TypeScript (the in-memory evaluator's).
CREATE FUNCTION search_semver_key(v text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    m text[];
    key text := '';
    part text;
    parts text[] := '{}';
BEGIN
    -- The common case first, without the full expression: a release (three numbers).
    IF v ~ '^(0|[1-9][0-9]{0,200})\.(0|[1-9][0-9]{0,200})\.(0|[1-9][0-9]{0,200})$' THEN
        RETURN lpad(length(split_part(v, '.', 1))::text, 3, '0') || split_part(v, '.', 1)
            || lpad(length(split_part(v, '.', 2))::text, 3, '0') || split_part(v, '.', 2)
            || lpad(length(split_part(v, '.', 3))::text, 3, '0') || split_part(v, '.', 3) || '~';
    END IF;
    m := regexp_match(v, '^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$');
    IF m IS NULL OR length(m[1]) > 999 OR length(m[2]) > 999 OR length(m[3]) > 999 THEN
        RETURN NULL;
    END IF;
    key := lpad(length(m[1])::text, 3, '0') || m[1] || lpad(length(m[2])::text, 3, '0') || m[2]
        || lpad(length(m[3])::text, 3, '0') || m[3];
    IF m[4] IS NULL THEN
        RETURN key || '~';
    END IF;
    FOREACH part IN ARRAY string_to_array(m[4], '.') LOOP
        IF part ~ '^\d+$' THEN
            IF length(part) > 999 THEN RETURN NULL; END IF;
            parts := parts || ('0' || lpad(length(part)::text, 3, '0') || part);
        ELSE
            parts := parts || ('1' || part);
        END IF;
    END LOOP;
    RETURN key || '!' || array_to_string(parts, ' ');
END $$;

-- The text `q` searches: identifier, title and every string anywhere in data (array elements and
-- nested objects included), one per line. `q` refuses control characters, so a match never spans
-- two of them. Keys and numbers are not searched (data::text ILIKE would match key names and JSON
-- escapes, which is not what a person typing a word means).
CREATE FUNCTION search_document(identifier text, title text, data jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN identifier || E'\n' || coalesce(title, '') || E'\n' || coalesce(
        (SELECT string_agg(v #>> '{}', E'\n') FROM jsonb_path_query(data, 'strict $.**') AS v WHERE jsonb_typeof(v) = 'string'),
        '');

-- Trigram GIN indexes (pg_trgm, 0001): ILIKE '%text%' on titles and identifiers ($title /
-- $identifier contains, beginsWith, endsWith), and `q` over search_document(). Each costs write
-- time on every entity write; without them a substring search reads every row of the blueprint.
CREATE INDEX idx_entities_title_trgm ON entities USING GIN (title gin_trgm_ops);
CREATE INDEX idx_entities_identifier_trgm ON entities USING GIN (identifier gin_trgm_ops);
CREATE INDEX idx_entities_search_trgm ON entities USING GIN (search_document(identifier, title, data) gin_trgm_ops);

-- Planner statistics for `data`: the selectivity of `data @> $1` is estimated by applying @> to
-- the column's sampled histogram, and a value that matches none of it is priced at about one
-- histogram slot (1/100 of the rows with the default target). A rare status was then estimated at
-- 1% of a blueprint, and the planner walked idx_entities_list expecting an early stop instead of
-- asking idx_entities_data (a full scan of the blueprint when the value is rare). With 1000 slots
-- the floor is 0.1%, and selective filters go to the GIN index. ANALYZE samples more rows for it.
ALTER TABLE entities ALTER COLUMN data SET STATISTICS 1000;

-- Keyset B-trees for the other NOT NULL sorts of a blueprint's list besides idx_entities_list's
-- created_at: "recently updated" and by identifier (in the "C" order the compiler sorts strings
-- in; the unique index on identifier has the database's collation, which the planner cannot use
-- for an ORDER BY ... COLLATE "C"). With them a page sorted by updated_at or identifier starts
-- at its cursor in the index like the default sort does. Sorts by data properties and by the
-- nullable title filter and sort the matching rows instead (an index per property is a
-- per-blueprint decision this migration cannot make).
CREATE INDEX idx_entities_list_updated ON entities (team_id, blueprint_id, updated_at DESC, id DESC);
CREATE INDEX idx_entities_list_identifier ON entities (team_id, blueprint_id, (identifier COLLATE "C"), id);
