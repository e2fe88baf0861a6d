-- A run's catalog writes (upsert-entity / delete-entity steps) and its reports by run token are
-- audited as the system acting for the run (issue 13: "audit with the run as cause"): the audit
-- row says on_behalf_type 'run', on_behalf_id <run id>, and its request_id is `run:<run id>`, so
-- the audit page and the change feed lead from a change to the run that made it. The requester
-- is in the run's requested_by; acting as the requester would have named the person but not the
-- run, and would have made a step fail when the requester's role changed after approval.
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_on_behalf_type_check;
ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_on_behalf_type_check
    CHECK (on_behalf_type IN ('automation', 'integration', 'run'));

ALTER TABLE catalog_events DROP CONSTRAINT catalog_events_actor_type_check;
ALTER TABLE catalog_events ADD CONSTRAINT catalog_events_actor_type_check
    CHECK (actor_type IN ('user', 'api_key', 'automation', 'integration', 'system', 'run'));
