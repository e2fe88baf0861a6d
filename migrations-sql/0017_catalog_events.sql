-- Catalog change events (issue 13, item 2): the outbox that automations and outbound webhooks
-- will read. Every entity and blueprint write inserts its events in the SAME transaction as the
-- change and its audit row (lib/events/README.md), so a reader never sees a change that rolled
-- back and never misses one that committed.
--
-- Rows are small on purpose: bulk ingest writes one event per entity (issue 18 wants >= 10k
-- entities/s with the outbox in place), so no JSON snapshot is duplicated here; the before/after
-- snapshots stay in the audit row that `audit_id` names.
--
-- `tx` is the writing transaction's id. Identity ids are taken at insert but transactions commit
-- in any order, so "the last id read" is no safe cursor: a reader only reads rows whose
-- transaction is older than every transaction still running (tx < pg_snapshot_xmin), in
-- (tx, id) order, which no later commit can insert before (lib/events/read-events.sql.ts).
CREATE TABLE catalog_events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    tx           XID8 NOT NULL DEFAULT pg_current_xact_id(),
    kind         VARCHAR(30) NOT NULL CHECK (kind IN (
                     'entity.created', 'entity.updated', 'entity.deleted', 'entity.restored', 'entity.links_changed',
                     'blueprint.created', 'blueprint.updated', 'blueprint.deleted')),
    blueprint_id VARCHAR(50) NOT NULL,
    -- Entity events only. No foreign keys: an event outlives the entity (and blueprint) it names.
    entity_id    UUID,
    identifier   VARCHAR(255),
    -- What changed (catalog_change below): the top-level data properties (for a blueprint: which of
    -- title, description, icon, schema, relations), the relations whose links changed (NULL: not
    -- known, the write kept or did not compare them), and whether the title changed. Property and
    -- relation names are the user's, any string: kept apart so that none can pose as another.
    changed           TEXT[] NOT NULL DEFAULT '{}',
    changed_relations TEXT[],
    title_changed     BOOLEAN NOT NULL DEFAULT false,
    -- 'user', 'api_key', 'automation' or 'integration' (the system, for what it acted), and its id.
    actor_type   VARCHAR(20) NOT NULL CHECK (actor_type IN ('user', 'api_key', 'automation', 'integration')),
    actor_id     VARCHAR(255),
    request_id   VARCHAR(100),
    -- The audit_logs row (team_id, audit_id) with the before/after snapshots; NULL for an event
    -- whose change has no audit row of its own (an entity whose links went with a deleted target).
    audit_id     UUID,
    at           TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK ((kind LIKE 'entity.%') = (entity_id IS NOT NULL AND identifier IS NOT NULL))
);
-- The team's change feed: keyset on (tx, id) within a team.
CREATE INDEX idx_catalog_events_team ON catalog_events (team_id, tx, id);
-- The global reader (automations, webhooks, across teams): keyset on (tx, id).
CREATE INDEX idx_catalog_events_tx ON catalog_events (tx, id);
-- Retention (lib/events/prune-events.sql.ts) finds the rows older than the cutoff: `at` grows with
-- the insert order, which a BRIN index summarises in a few pages at almost no cost per insert.
CREATE INDEX idx_catalog_events_at ON catalog_events USING brin (at);

-- The keys whose values differ between two JSON objects (a NULL object has no keys), sorted
-- bytewise. Equal objects answer at once (a re-sync that changes nothing); otherwise each key of
-- one is looked up in the other (cheaper than joining both expansions).
CREATE FUNCTION jsonb_changed_keys(a JSONB, b JSONB) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN x = y THEN '{}'::text[] ELSE ARRAY(
               SELECT k FROM (SELECT key AS k FROM jsonb_each(y) WHERE x->key IS DISTINCT FROM value
                              UNION ALL
                              SELECT k FROM jsonb_object_keys(x) k WHERE NOT y ? k) c
                ORDER BY k COLLATE "C") END
      FROM (SELECT CASE WHEN jsonb_typeof(a) = 'object' THEN a ELSE '{}' END AS x,
                   CASE WHEN jsonb_typeof(b) = 'object' THEN b ELSE '{}' END AS y) n
$$;

-- The keys of a JSON object (none for anything else), sorted bytewise.
CREATE FUNCTION jsonb_sorted_keys(a JSONB) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN jsonb_typeof(a) = 'object'
                THEN ARRAY(SELECT k FROM jsonb_object_keys(a) k ORDER BY k COLLATE "C") ELSE '{}' END
$$;

-- An event's kind and what changed, from the audit action and the before/after snapshots of the
-- audit row ({title, data, relations?} for an entity; {title, description, icon, schema,
-- relations} for a blueprint; NULL before a create and after a delete). One definition for every
-- writer: the single-entity services and the bulk statement (lib/events/catalog-events.sql.ts).
-- Relations are compared only when both sides list them; else changed_relations is NULL (unknown).
-- An entity update that changed neither title nor data but some links is 'entity.links_changed'.
CREATE FUNCTION catalog_change(action TEXT, old_snap JSONB, new_snap JSONB,
                               OUT kind TEXT, OUT changed TEXT[], OUT changed_relations TEXT[], OUT title_changed BOOLEAN)
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    title_changed := coalesce(old_snap->'title', 'null') IS DISTINCT FROM coalesce(new_snap->'title', 'null');
    IF action LIKE 'blueprint.%' THEN
        changed := ARRAY(SELECT k FROM unnest(jsonb_changed_keys(old_snap, new_snap)) k
                          WHERE k IN ('title', 'description', 'icon', 'schema', 'relations'));
        kind := action;
        RETURN;
    END IF;
    IF old_snap IS NULL THEN
        -- A create (bulk ingest's common case): every key is new; listing them costs far less than
        -- comparing values (measured: the comparison was most of what the events added to a batch).
        changed := jsonb_sorted_keys(new_snap->'data');
        changed_relations := CASE WHEN new_snap ? 'relations' THEN jsonb_sorted_keys(new_snap->'relations') END;
    ELSE
        changed := jsonb_changed_keys(old_snap->'data', new_snap->'data');
        IF old_snap ? 'relations' AND (new_snap IS NULL OR new_snap ? 'relations') THEN
            changed_relations := jsonb_changed_keys(old_snap->'relations', new_snap->'relations');
        END IF;
    END IF;
    kind := CASE WHEN action = 'entity.updated' AND NOT title_changed AND changed = '{}' AND changed_relations <> '{}'
                 THEN 'entity.links_changed' ELSE action END;
END $$;
