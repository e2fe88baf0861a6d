-- The system as an actor, and the action:approve permission.
--
-- audit_logs could already say actor_type = 'system', but not for whom the system acted: an
-- automation or an integration now runs with a context of its own (lib/authz/system-context.ts),
-- and its rows name it in on_behalf_type / on_behalf_id (an id of that kind, not a foreign key:
-- the audit row outlives what it names). Only system rows may carry them.
ALTER TABLE audit_logs
    ADD COLUMN on_behalf_type VARCHAR(20) CHECK (on_behalf_type IN ('automation', 'integration')),
    ADD COLUMN on_behalf_id   VARCHAR(255),
    ADD CONSTRAINT audit_logs_on_behalf_check CHECK (
        (on_behalf_type IS NULL) = (on_behalf_id IS NULL)
        AND (on_behalf_type IS NULL OR actor_type = 'system')
    );

-- API.md: action:approve joins the list and the default admin role holds every permission, so
-- every existing team's admin role gains it (new teams get it from DEFAULT_ROLES).
UPDATE roles
   SET permissions = permissions || '["action:approve"]'::jsonb, updated_at = CURRENT_TIMESTAMP
 WHERE is_default AND name = 'admin' AND NOT permissions ? 'action:approve';
