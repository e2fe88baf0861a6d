-- Single sign-on with OpenID Connect (lib/auth/oidc) and just-in-time team membership from the
-- identity provider's groups (lib/group-mappings).
--
-- * A person who only ever signed in through the identity provider has no password: the column
--   becomes nullable, and password sign-in and password change refuse such an account clearly.
-- * user_identities links an account to the provider's subject (issuer + sub). The first sign-in
--   links by verified email; later ones find the account by the subject, so a changed email at the
--   provider follows the same person instead of creating a second account.
-- * team_group_mappings: per team, a group claim value -> one of the team's roles (built-in or
--   custom). ON DELETE RESTRICT on the role, like memberships: a role still mapped cannot vanish.
-- * team_memberships.managed_by_groups marks memberships that the mapping created: only those are
--   changed or removed at sign-in; a member an admin added by hand is never touched.

ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;

CREATE TABLE user_identities (
    issuer     VARCHAR(255) NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX idx_user_identities_user ON user_identities (user_id);

CREATE TABLE team_group_mappings (
    team_id    UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id         UUID NOT NULL DEFAULT uuid_generate_v4(),
    group_name VARCHAR(255) NOT NULL CHECK (length(group_name) > 0),
    role_id    UUID NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, group_name),
    FOREIGN KEY (team_id, role_id) REFERENCES roles(team_id, id) ON DELETE RESTRICT
);
-- Sign-in looks mappings up by the groups the person holds, across teams.
CREATE INDEX idx_team_group_mappings_group ON team_group_mappings (group_name);
CREATE INDEX idx_team_group_mappings_role ON team_group_mappings (team_id, role_id);

ALTER TABLE team_memberships ADD COLUMN managed_by_groups BOOLEAN NOT NULL DEFAULT FALSE;
