-- Accounts, teams, roles, memberships and API keys (DATABASE.md "RBAC Tables").
--
-- Differences from DATABASE.md, on purpose:
-- * Every team-owned table has a composite primary key (team_id, id) and every foreign key to a
--   team-owned row includes team_id. A row can then never point at another team's row, and the
--   schema is ready for sharding by team_id (Citus requires the distribution column in every key).
--   users and teams are global (Citus: reference tables).
-- * Emails are unique case-insensitively (lower(email)), so Bob@x.io and bob@x.io are one account.
-- * Deleting a role that members still hold is refused (RESTRICT) instead of silently deleting
--   those memberships (the document's CASCADE would drop people out of the team).
-- * API keys are revoked by stamping revoked_at, so the audit trail keeps the key's name and
--   creator; key_prefix is the first characters of the key for display.

CREATE TABLE users (
    id            UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    email         VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    name          VARCHAR(100),
    status        VARCHAR(20) NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'inactive', 'suspended')),
    created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- The document's unique `email` index, made case-insensitive.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE teams (
    id         UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    name       VARCHAR(100) NOT NULL,
    slug       VARCHAR(50) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE roles (
    team_id     UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id          UUID NOT NULL DEFAULT uuid_generate_v4(),
    name        VARCHAR(50) NOT NULL,
    description VARCHAR(255),
    permissions JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(permissions) = 'array'),
    is_default  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, name)
);

CREATE TABLE team_memberships (
    team_id    UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id         UUID NOT NULL DEFAULT uuid_generate_v4(),
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id    UUID NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, user_id),
    FOREIGN KEY (team_id, role_id) REFERENCES roles(team_id, id) ON DELETE RESTRICT
);
-- "Get user teams with roles" starts from the user.
CREATE INDEX idx_team_memberships_user ON team_memberships (user_id);
-- The document's idx_team_memberships_team (team_id) is the leading column of both keys above.
CREATE INDEX idx_team_memberships_role ON team_memberships (team_id, role_id);

CREATE TABLE api_keys (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    user_id      UUID REFERENCES users(id) ON DELETE SET NULL,
    name         VARCHAR(100) NOT NULL,
    key_prefix   VARCHAR(16) NOT NULL,
    key_hash     CHAR(64) NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    permissions  JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(permissions) = 'array'),
    expires_at   TIMESTAMPTZ(3),
    last_used_at TIMESTAMPTZ(3),
    revoked_at   TIMESTAMPTZ(3),
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id)
);
-- Authentication looks a key up by its SHA-256 alone (the key names no team). Unique, so two
-- keys can never collide. Under Citus api_keys would be a reference table for this lookup.
CREATE UNIQUE INDEX idx_api_keys_hash ON api_keys (key_hash);
-- The document's idx_api_keys_team (team_id) is the leading column of the primary key.
