-- Profile and security (issue 16, item 4): where and when each credential of a person was last
-- used, and personal access tokens.
-- * last_used_at / last_used_ip on browser sessions and login tokens (user_agent exists on both):
--   stamped after the response at most once a minute per credential (lib/auth/stamp-credential-use.ts),
--   never a write on every request.
-- * personal_access_tokens: a person's bearer token for scripts, "bpp_" + 64 hex, only its SHA-256
--   kept. It acts as its person, only in the teams it names, with at most its own permissions and
--   never more than the person's CURRENT role there (resolved per request: lib/authz/team-context.ts).
--   team_ids is an array, not a link table: it is read whole with the token's row on each request and
--   never searched; a deleted team's id then names nothing.
ALTER TABLE user_sessions ADD COLUMN last_used_at TIMESTAMPTZ(3), ADD COLUMN last_used_ip INET;
ALTER TABLE login_tokens ADD COLUMN last_used_at TIMESTAMPTZ(3), ADD COLUMN last_used_ip INET;

CREATE TABLE personal_access_tokens (
    id           UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id      UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    token_prefix VARCHAR(16) NOT NULL,
    token_hash   CHAR(64) NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    team_ids     UUID[] NOT NULL CHECK (cardinality(team_ids) BETWEEN 1 AND 50),
    permissions  JSONB NOT NULL CHECK (jsonb_typeof(permissions) = 'array'),
    -- Required: a personal token always ends (at most 365 days after its creation, checked by the service).
    expires_at   TIMESTAMPTZ(3) NOT NULL,
    last_used_at TIMESTAMPTZ(3),
    last_used_ip INET,
    revoked_at   TIMESTAMPTZ(3),
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- The lookup of every request that carries one.
CREATE UNIQUE INDEX idx_personal_access_tokens_hash ON personal_access_tokens (token_hash);
-- The person's list on the profile page.
CREATE INDEX idx_personal_access_tokens_user ON personal_access_tokens (user_id, created_at);
