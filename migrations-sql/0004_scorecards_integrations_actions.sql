-- The tables DATABASE.md lists as planned: scorecards, integrations, actions (with a run history).
-- Columns come from the document's JSONB section; every key includes team_id, as elsewhere.

CREATE TABLE scorecards (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    blueprint_id VARCHAR(50) NOT NULL,
    identifier   VARCHAR(100) NOT NULL,
    title        VARCHAR(100) NOT NULL,
    description  TEXT,
    -- Ordered levels, lowest first: [{"name": "Bronze", "color": "#cd7f32"}, ...]
    levels       JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(levels) = 'array'),
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, blueprint_id, identifier),
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);

CREATE TABLE scorecard_rules (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    scorecard_id UUID NOT NULL,
    identifier   VARCHAR(100) NOT NULL,
    title        VARCHAR(100) NOT NULL,
    description  TEXT,
    -- The level (by name) an entity reaches when this rule and those of lower levels pass.
    level        VARCHAR(50) NOT NULL,
    -- The rule's condition, a query tree of the search API: {"combinator": "and", "rules": [...]}
    value        JSONB NOT NULL CHECK (jsonb_typeof(value) = 'object'),
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, scorecard_id, identifier),
    FOREIGN KEY (team_id, scorecard_id) REFERENCES scorecards(team_id, id) ON DELETE CASCADE
);

CREATE TABLE integrations (
    team_id        UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id             UUID NOT NULL DEFAULT uuid_generate_v4(),
    -- Connector kind: 'github', 'kubernetes', 'webhook', ...
    type           VARCHAR(50) NOT NULL,
    name           VARCHAR(100) NOT NULL,
    -- Connector settings (endpoints, orgs, schedules). Secrets are referenced, never stored here.
    config         JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(config) = 'object'),
    enabled        BOOLEAN NOT NULL DEFAULT TRUE,
    last_synced_at TIMESTAMPTZ(3),
    last_error     TEXT,
    created_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, name)
);

CREATE TABLE integration_mappings (
    team_id        UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id             UUID NOT NULL DEFAULT uuid_generate_v4(),
    integration_id UUID NOT NULL,
    blueprint_id   VARCHAR(50) NOT NULL,
    -- The source object kind this mapping reads ('repository', 'deployment', ...).
    kind           VARCHAR(100) NOT NULL,
    -- How a source object becomes an entity: {"identifier": ".name", "title": ".full_name",
    -- "properties": {"language": ".language"}}
    mapping        JSONB NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
    -- Which source objects are taken (NULL: all of them).
    filter         JSONB,
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    FOREIGN KEY (team_id, integration_id) REFERENCES integrations(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_integration_mappings_integration ON integration_mappings (team_id, integration_id);

CREATE TABLE actions (
    team_id        UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id             UUID NOT NULL DEFAULT uuid_generate_v4(),
    -- NULL for a team-wide action; otherwise the blueprint whose entities it acts on.
    blueprint_id   VARCHAR(50),
    identifier     VARCHAR(100) NOT NULL,
    title          VARCHAR(100) NOT NULL,
    description    TEXT,
    icon           VARCHAR(50),
    -- 'create' | 'day-2' | 'delete' (what the action does to an entity)
    trigger_type   VARCHAR(20) NOT NULL DEFAULT 'day-2' CHECK (trigger_type IN ('create', 'day-2', 'delete')),
    -- When and to whom it is offered: {"condition": <query tree>, "approval": {...}}
    trigger_config JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(trigger_config) = 'object'),
    -- The form shown to the user, as a JSON Schema object.
    user_inputs    JSONB NOT NULL DEFAULT '{"type": "object", "properties": {}}' CHECK (jsonb_typeof(user_inputs) = 'object'),
    -- Ordered steps: [{"type": "webhook", "url": "...", "body": {...}}, ...]
    steps          JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(steps) = 'array'),
    enabled        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, identifier),
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_actions_blueprint ON actions (team_id, blueprint_id);

-- The run history of actions: one row per execution, with inputs, per-step results and outcome.
CREATE TABLE action_runs (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    action_id    UUID NOT NULL,
    -- The entity acted on; kept NULL when that entity is deleted later (the run stays in history).
    entity_id    UUID,
    status       VARCHAR(20) NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
    inputs       JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(inputs) = 'object'),
    -- [{"step": 0, "status": "succeeded", "started_at": ..., "finished_at": ..., "output": ...}]
    step_results JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(step_results) = 'array'),
    error        TEXT,
    triggered_by UUID,
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    started_at   TIMESTAMPTZ(3),
    finished_at  TIMESTAMPTZ(3),
    PRIMARY KEY (team_id, id),
    FOREIGN KEY (team_id, action_id) REFERENCES actions(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, entity_id) REFERENCES entities(team_id, id) ON DELETE SET NULL (entity_id)
);
CREATE INDEX idx_action_runs_action ON action_runs (team_id, action_id, created_at DESC);
-- Runs still waiting for a worker, oldest first.
CREATE INDEX idx_action_runs_pending ON action_runs (created_at) WHERE status IN ('pending', 'running');
