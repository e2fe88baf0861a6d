-- Scorecard level changes become catalog events (issue 13 item 5: automations "on a scorecard level
-- changed"), for the teams that listen to them.
--
-- Levels change inside the set-based statements that keep scorecard results live (entity writes,
-- bulk ingest, recomputes: lib/scorecards/evaluate), each writing its history rows to
-- scorecard_level_changes. A statement trigger turns those rows into events in the same
-- transaction (so the outbox's guarantees hold: nothing rolled back is seen, nothing committed is
-- missed), but only for teams with an enabled automation on 'scorecard.level_changed': a team
-- without one pays a semi-join against a table of a few rows per statement, not an event per
-- entity on every bulk batch. An automation therefore sees the level changes from when it is enabled.

-- What an event carries beyond its columns: for scorecard.level_changed {scorecard, from, to,
-- cause}; for run.finished {action, status}. NULL for entity and blueprint events (no cost there).
ALTER TABLE catalog_events ADD COLUMN detail JSONB CHECK (detail IS NULL OR jsonb_typeof(detail) = 'object');

-- A level change that no person caused (a recompute after a rule change, a key's write) is the system's.
ALTER TABLE catalog_events DROP CONSTRAINT catalog_events_actor_type_check;
ALTER TABLE catalog_events ADD CONSTRAINT catalog_events_actor_type_check
    CHECK (actor_type IN ('user', 'api_key', 'automation', 'integration', 'system'));

CREATE FUNCTION record_level_change_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO catalog_events (team_id, kind, blueprint_id, entity_id, identifier, actor_type, actor_id, request_id, detail)
    SELECT n.team_id, 'scorecard.level_changed', s.blueprint_id, n.entity_id, n.entity_identifier,
           CASE WHEN n.actor_id IS NULL THEN 'system' ELSE 'user' END, n.actor_id::text, n.request_id,
           jsonb_build_object('scorecard', s.identifier, 'from', n.from_level, 'to', n.to_level, 'cause', n.cause)
      FROM changed_levels n
      JOIN scorecards s ON s.team_id = n.team_id AND s.id = n.scorecard_id
     WHERE n.from_level IS DISTINCT FROM n.to_level
       AND n.team_id IN (SELECT a.team_id FROM automations a WHERE a.event = 'scorecard.level_changed' AND a.enabled)
     ORDER BY n.id;
    RETURN NULL;
END $$;

CREATE TRIGGER scorecard_level_changes_events
    AFTER INSERT ON scorecard_level_changes
    REFERENCING NEW TABLE AS changed_levels
    FOR EACH STATEMENT EXECUTE FUNCTION record_level_change_events();
