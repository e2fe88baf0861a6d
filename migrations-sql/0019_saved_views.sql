-- Saved views of the catalog table (issue 15, item 1; API.md "Saved views"): a named filter, sort,
-- column list and page size of one blueprint's table, private to its owner (owner_id set) or
-- shared with the team (owner_id NULL). Identifiers are unique per blueprint across the team,
-- private ones included, so `?view=<identifier>` means one view for everyone who can see it
-- (a taken name answers 409 without saying whose it is). At most one default view per blueprint,
-- and only a shared one (CHECK + partial unique index): opening the catalog without a view applies it.
CREATE TABLE saved_views (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    blueprint_id VARCHAR(50) NOT NULL,
    identifier   VARCHAR(100) NOT NULL,
    title        VARCHAR(100) NOT NULL,
    -- NULL: shared with the team; otherwise the person it belongs to.
    owner_id     UUID REFERENCES users(id) ON DELETE CASCADE,
    is_default   BOOLEAN NOT NULL DEFAULT false,
    -- The search API's query tree ({"combinator", "rules"}) or NULL for no filter.
    query        JSONB CHECK (query IS NULL OR jsonb_typeof(query) = 'object'),
    -- The search body's sort: [{"property", "order"}]; [] for the default order.
    sort         JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(sort) = 'array'),
    -- Column keys (property paths, meta-properties, relations, scorecard levels); NULL: the defaults.
    columns      JSONB CHECK (columns IS NULL OR jsonb_typeof(columns) = 'array'),
    page_size    SMALLINT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, blueprint_id, identifier),
    CHECK (NOT is_default OR owner_id IS NULL),
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);
-- The one default of a blueprint.
CREATE UNIQUE INDEX idx_saved_views_default ON saved_views (team_id, blueprint_id) WHERE is_default;
-- The side navigation's one read of the views a person sees (shared ones and their own), and the
-- per-owner count of the limit: (team_id, owner_id) then a small sort.
CREATE INDEX idx_saved_views_owner ON saved_views (team_id, owner_id);
