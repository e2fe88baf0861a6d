-- Invitations to join a team (issue 16): an email, a role, a single-use link that expires.
--
-- Only the SHA-256 of the link's token is kept (like API keys and login tokens): a leaked database
-- does not leak usable links. The email is stored trimmed and lower-cased, as users' emails are
-- compared (users_email_key is on lower(email)). Pending = not accepted, not revoked, not expired;
-- accepted and revoked rows stay for the audit trail. Deleting a role deletes its invitations
-- (nobody can join through a role that no longer exists).
CREATE TABLE team_invitations (
    team_id     UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id          UUID NOT NULL DEFAULT uuid_generate_v4(),
    email       VARCHAR(255) NOT NULL CHECK (email = lower(btrim(email)) AND email <> ''),
    role_id     UUID NOT NULL,
    token_hash  CHAR(64) NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    invited_by  UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at  TIMESTAMPTZ(3) NOT NULL,
    accepted_at TIMESTAMPTZ(3),
    accepted_by UUID REFERENCES users(id) ON DELETE SET NULL,
    revoked_at  TIMESTAMPTZ(3),
    PRIMARY KEY (team_id, id),
    FOREIGN KEY (team_id, role_id) REFERENCES roles(team_id, id) ON DELETE CASCADE,
    CHECK (expires_at > created_at AND expires_at <= created_at + INTERVAL '30 days'),
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- Accepting looks an invitation up by its token's hash alone (the link names no team).
CREATE UNIQUE INDEX idx_team_invitations_token ON team_invitations (token_hash);
-- The pending list (oldest first, keyset on created_at, id), the pending count that bounds it and
-- the "already invited" check: only rows still open, so accepted and revoked ones cost nothing.
CREATE INDEX idx_team_invitations_open ON team_invitations (team_id, created_at, id)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;
-- The foreign key's lookup when a role is deleted.
CREATE INDEX idx_team_invitations_role ON team_invitations (team_id, role_id);
