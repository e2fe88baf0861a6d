-- Scorecards, live (issue 12): what a scorecard needs beyond the seed's two tables, its results
-- and the history of its levels.
--
-- A scorecard's definition (levels, filter, rules) has a GENERATION: every change of what the
-- results mean (a rule, the filter, the levels' names or order, the blueprint's schema) bumps
-- target_generation, and a background job computes that generation's results beside the live
-- ones. Reads serve live_generation only, so a dashboard never shows a half-computed
-- distribution; the job flips live_generation in one transaction when it is done.
ALTER TABLE scorecards
    ADD COLUMN filter               JSONB CHECK (filter IS NULL OR jsonb_typeof(filter) = 'object'),
    -- The ETag: bumped by every change of the scorecard (titles and colours included).
    ADD COLUMN version              INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN target_generation    INTEGER NOT NULL DEFAULT 1,
    -- 0: nothing computed yet.
    ADD COLUMN live_generation      INTEGER NOT NULL DEFAULT 0,
    -- What the live results mean, frozen when they were computed (the rules may have changed
    -- since), so that writes keep the live results right until the new ones take over:
    -- {"levels": ["Basic", ...], "filter": <query tree> | null, "rules": [{"identifier": "...",
    -- "level": 2, "query": <query tree>}, ...]}, the rules in bit order (see
    -- scorecard_results.passed), levels by rank.
    ADD COLUMN live_definition      JSONB,
    ADD COLUMN computed_at          TIMESTAMPTZ(3),
    -- Progress of the recompute of target_generation (entities done of total).
    ADD COLUMN recompute_done       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN recompute_total      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN recompute_started_at TIMESTAMPTZ(3),
    ADD CONSTRAINT scorecards_generation_check CHECK (live_generation <= target_generation);

-- One row per entity the scorecard applies to (its filter matches), per generation computed.
CREATE TABLE scorecard_results (
    team_id      UUID NOT NULL,
    scorecard_id UUID NOT NULL,
    generation   INTEGER NOT NULL,
    entity_id    UUID NOT NULL,
    -- The level's rank in the generation's levels: 0 is the first (the level of an entity that
    -- passes no level's rules).
    level        SMALLINT NOT NULL CHECK (level >= 0),
    -- Bit i set: the rule in position i passes. A scorecard has at most 63 rules.
    passed       BIGINT NOT NULL CHECK (passed >= 0),
    updated_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, scorecard_id, generation, entity_id),
    FOREIGN KEY (team_id, scorecard_id) REFERENCES scorecards(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, entity_id) REFERENCES entities(team_id, id) ON DELETE CASCADE
);
-- The distribution per level and the pass rate per rule (an index-only scan of one scorecard's
-- generation), filtering and sorting the catalog by level (a semi-join on entity_id).
CREATE INDEX idx_scorecard_results_level ON scorecard_results (team_id, scorecard_id, generation, level, entity_id) INCLUDE (passed);
-- An entity's scorecards (?include=scorecards), and the cascade when an entity is deleted.
CREATE INDEX idx_scorecard_results_entity ON scorecard_results (team_id, entity_id);

-- Every level change of an entity on a scorecard: "when did this service drop to Bronze, and
-- why", and the distribution over time (walked back from the live one). No foreign key to the
-- entity: the history outlives it.
CREATE TABLE scorecard_level_changes (
    team_id           UUID NOT NULL,
    id                BIGINT GENERATED ALWAYS AS IDENTITY,
    scorecard_id      UUID NOT NULL,
    entity_id         UUID NOT NULL,
    entity_identifier VARCHAR(255) NOT NULL,
    -- NULL from: the entity entered the scorecard (created, or its filter now matches);
    -- NULL to: it left (deleted, or the filter no longer matches). Ranks and names as they were.
    from_rank         SMALLINT,
    from_level        VARCHAR(50),
    to_rank           SMALLINT,
    to_level          VARCHAR(50),
    -- entity_created, entity_updated, entity_restored, entity_deleted, related_entity_changed,
    -- scorecard_changed, schema_changed
    cause             VARCHAR(40) NOT NULL,
    actor_id          UUID,
    request_id        VARCHAR(100),
    at                TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    FOREIGN KEY (team_id, scorecard_id) REFERENCES scorecards(team_id, id) ON DELETE CASCADE,
    CHECK ((from_rank IS NULL) = (from_level IS NULL) AND (to_rank IS NULL) = (to_level IS NULL))
);
CREATE INDEX idx_scorecard_level_changes_at ON scorecard_level_changes (team_id, scorecard_id, at DESC, id DESC);
CREATE INDEX idx_scorecard_level_changes_entity ON scorecard_level_changes (team_id, scorecard_id, entity_identifier, at DESC, id DESC);

-- Rules are read in their order.
CREATE INDEX idx_scorecard_rules_position ON scorecard_rules (team_id, scorecard_id, position);
