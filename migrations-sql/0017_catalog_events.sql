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
    -- Top-level names that changed: data properties, `$title`, `$relations.<relation>` (README).
    changed      TEXT[] NOT NULL DEFAULT '{}',
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
