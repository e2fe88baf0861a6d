-- Groups of people as entity owners (issue 16, item 5; Port's `$team`, Backstage's `spec.owner`).
--
-- A team's groups name some of its members. A group member must be a member of the team: the
-- foreign key to team_memberships(team_id, user_id) with ON DELETE CASCADE removes a person's group
-- memberships in the same statement, so in the same transaction, as their removal from the team
-- (lib/members/member-service.ts removeMember). Nothing here crosses teams: every key leads with
-- team_id.
CREATE TABLE team_groups (
    team_id     UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id          UUID NOT NULL DEFAULT uuid_generate_v4(),
    identifier  VARCHAR(50) NOT NULL CHECK (identifier ~ '^[a-z0-9][a-z0-9_-]{0,49}$'),
    title       VARCHAR(100) NOT NULL,
    description VARCHAR(255),
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, identifier)
);

CREATE TABLE team_group_members (
    team_id    UUID NOT NULL,
    group_id   UUID NOT NULL,
    user_id    UUID NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, group_id, user_id),
    FOREIGN KEY (team_id, group_id) REFERENCES team_groups(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, user_id) REFERENCES team_memberships(team_id, user_id) ON DELETE CASCADE
);
-- "My groups" (the search's userGroups context) and the cascade from team_memberships start from the person.
CREATE INDEX idx_team_group_members_user ON team_group_members (team_id, user_id);

-- An entity's owners: identifiers of its team's groups (checked by the entity services, one query
-- per request or batch). Adding a column with a constant default rewrites no rows (PostgreSQL 11+).
ALTER TABLE entities ADD COLUMN owners TEXT[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(owners) <= 20 AND array_position(owners, NULL) IS NULL);

-- The `$owners` filters (containsAny, contains) through a GIN index scoped like idx_entities_data
-- (0009). Partial: most entities have no owner, and a row outside the predicate costs the write
-- path nothing (issue 18 is about bulk-write speed); the compiled filters repeat the predicate
-- (lib/search/compile-where.sql.ts) so the planner can use the index. Built in the migration's
-- transaction like the indexes before it: it blocks entity writes while it reads the table once.
CREATE INDEX idx_entities_owners ON entities USING GIN (team_id, blueprint_id, owners) WHERE owners <> '{}';
