-- The audit log: one row per change, written in the same transaction as the change.
-- actor_type says who acted; user_id and api_key_id identify them (a key write carries both the
-- key and its creator). old_data / new_data hold the resource before and after, secrets removed.
CREATE TABLE audit_logs (
    team_id     UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id          UUID NOT NULL DEFAULT uuid_generate_v4(),
    actor_type  VARCHAR(20) NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
    user_id     UUID REFERENCES users(id) ON DELETE SET NULL,
    api_key_id  UUID,
    action      VARCHAR(50) NOT NULL,
    entity_type VARCHAR(50) NOT NULL,
    entity_id   VARCHAR(255) NOT NULL,
    old_data    JSONB,
    new_data    JSONB,
    ip_address  INET,
    user_agent  VARCHAR(512),
    request_id  VARCHAR(64),
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id)
);
-- The team's audit page, newest first, keyset-paginated.
CREATE INDEX idx_audit_logs_team ON audit_logs (team_id, created_at DESC, id DESC);
-- One resource's history (an entity's versions).
CREATE INDEX idx_audit_logs_entity ON audit_logs (team_id, entity_type, entity_id, created_at DESC);
-- Filter by actor.
CREATE INDEX idx_audit_logs_user ON audit_logs (team_id, user_id, created_at DESC);
