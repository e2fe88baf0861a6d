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

-- An event's kind and what changed, from the audit action and the before/after snapshots of the
-- audit row ({title, data, relations?} for an entity; {title, description, icon, schema,
-- relations} for a blueprint; NULL before a create and after a delete). One definition for every
-- writer: the single-entity services and the bulk statement (lib/events/catalog-events.sql.ts).
-- * changed: the keys of `data` (for a blueprint: of the snapshot, among title, description,
--   icon, schema, relations) whose values differ; every key when one side is NULL.
-- * changed_relations: the same over `relations`, compared only when both sides list them (or
--   one side is NULL); else NULL, "not known" (a bulk update does not read the old links).
-- * kind: the action, except an entity update that changed neither title nor data but some links:
--   'entity.links_changed'.
-- Plain SQL returning a table, so the planner inlines it into the writing statement: a bulk batch
-- pays no function call per row (measured: the calls cost more than the comparisons). The key
-- comparison is written twice below (data, relations) for the same reason: a helper function
-- holding it could not be inlined. OFFSET 0 keeps each step a subquery computed once per row:
-- pulled up, its expression would be copied into every place that reads it (the snapshot the
-- caller builds with jsonb_build_object was rebuilt for every key compared).
CREATE FUNCTION catalog_change(action TEXT, old_snap JSONB, new_snap JSONB)
    RETURNS TABLE (kind TEXT, changed TEXT[], changed_relations TEXT[], title_changed BOOLEAN)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN action = 'entity.updated' AND NOT t.title AND d.keys = '{}' AND r.keys <> '{}'
                THEN 'entity.links_changed' ELSE action END,
           CASE WHEN t.blueprint THEN ARRAY(SELECT k FROM unnest(d.keys) k
                                             WHERE k IN ('title', 'description', 'icon', 'schema', 'relations'))
                ELSE d.keys END,
           r.keys,
           t.title
      FROM (SELECT old_snap AS o, new_snap AS n OFFSET 0) s
     CROSS JOIN LATERAL (
            SELECT coalesce(s.o->'title', 'null') IS DISTINCT FROM coalesce(s.n->'title', 'null') AS title,
                   action LIKE 'blueprint.%' AS blueprint) t
     CROSS JOIN LATERAL (
            SELECT CASE WHEN t.blueprint THEN s.o ELSE s.o->'data' END AS a,
                   CASE WHEN t.blueprint THEN s.n ELSE s.n->'data' END AS b,
                   NOT t.blueprint AND (s.o IS NULL OR s.o ? 'relations') AND (s.n IS NULL OR s.n ? 'relations') AS links,
                   s.o->'relations' AS ra, s.n->'relations' AS rb
             OFFSET 0) p
     CROSS JOIN LATERAL (
            -- Equal: nothing (a re-sync that changes nothing). Else each key of one side looked up
            -- in the other (cheaper than joining both expansions); a NULL side has no keys.
            SELECT CASE WHEN p.a = p.b THEN '{}'::text[] ELSE ARRAY(
                       SELECT k FROM (SELECT key AS k FROM jsonb_each(CASE WHEN jsonb_typeof(p.b) = 'object' THEN p.b ELSE '{}' END)
                                       WHERE p.a->key IS DISTINCT FROM value
                                      UNION ALL
                                      SELECT k FROM jsonb_object_keys(CASE WHEN jsonb_typeof(p.a) = 'object' THEN p.a ELSE '{}' END) k
                                       WHERE NOT coalesce(p.b ? k, false)) c
                        ORDER BY k COLLATE "C") END AS keys
             OFFSET 0) d
     CROSS JOIN LATERAL (
            SELECT CASE WHEN NOT p.links THEN NULL WHEN p.ra = p.rb THEN '{}'::text[] ELSE ARRAY(
                       SELECT k FROM (SELECT key AS k FROM jsonb_each(CASE WHEN jsonb_typeof(p.rb) = 'object' THEN p.rb ELSE '{}' END)
                                       WHERE p.ra->key IS DISTINCT FROM value
                                      UNION ALL
                                      SELECT k FROM jsonb_object_keys(CASE WHEN jsonb_typeof(p.ra) = 'object' THEN p.ra ELSE '{}' END) k
                                       WHERE NOT coalesce(p.rb ? k, false)) c
                        ORDER BY k COLLATE "C") END AS keys
             OFFSET 0) r
$$;
