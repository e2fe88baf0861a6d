-- Self-service actions, their runs and automations (issue 13; API.md "Actions and runs",
-- "Automations"). The seed's `actions` and `action_runs` (0004) are kept and extended; nothing used
-- them before this migration, so changing their status values is safe.
--
-- Where the seed falls short, and what this does instead:
-- * The seed's run statuses ('pending', ...) cannot say "waiting for an approval": API.md's set
--   replaces them.
-- * The seed kept no secret, no version (ETag), no token and no log: a run could not be resumed after
--   a restart, reported on by the external system, or shown live. Added below.
-- * A run keeps the definition it was asked with (action_snapshot): an action edited while a run
--   waits for its approval must not change what that run does. Secrets are not in the snapshot (the
--   signing secret is read when a request is signed, so a rotation applies at once).

-- Actions ------------------------------------------------------------------------------------------
ALTER TABLE actions
    -- The webhook signing secret, sealed by lib/crypto/secret-box.ts (context "action:<id>:signing-secret").
    -- Shown once, in the create's answer and in rotate-secret's; never returned otherwise.
    ADD COLUMN signing_secret TEXT,
    ADD COLUMN version    INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN created_by UUID REFERENCES users(id) ON DELETE SET NULL;
-- trigger_config holds {"condition": <query tree> | null, "approval": {"required", "allow_self"} | null}.

-- Runs ---------------------------------------------------------------------------------------------
ALTER TABLE action_runs DROP CONSTRAINT action_runs_status_check;
ALTER TABLE action_runs ALTER COLUMN status SET DEFAULT 'queued';
ALTER TABLE action_runs ADD CONSTRAINT action_runs_status_check
    CHECK (status IN ('queued', 'waiting_approval', 'running', 'succeeded', 'failed', 'cancelled'));
ALTER TABLE action_runs
    -- The entity as it was named when the run was asked (kept when the entity goes: entity_id is
    -- then NULL but the history still says which), and its blueprint.
    ADD COLUMN blueprint_id      VARCHAR(50),
    ADD COLUMN entity_identifier VARCHAR(255),
    -- The action as it was when the run was asked: {identifier, title, trigger, steps, approval}.
    ADD COLUMN action_snapshot   JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(action_snapshot) = 'object'),
    -- Who asked: {"type": "user", "id", "email", "name"} | {"type": "api_key", "id", "name"} |
    -- {"type": "automation", "id", "identifier"}. triggered_by (seed) keeps the user's id, for the
    -- "not the requester" rule of approvals.
    ADD COLUMN requested_by      JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(requested_by) = 'object'),
    -- SHA-256 of the run token (the token itself is only in the webhook body); valid until the run ends.
    ADD COLUMN token_hash        BYTEA,
    ADD COLUMN link              TEXT CHECK (length(link) <= 2048),
    ADD COLUMN summary           TEXT CHECK (length(summary) <= 10000),
    -- The next step to run (0-based); a step is marked done in the same statement that moves this on,
    -- so a resumed run starts at the first step that was not acknowledged.
    ADD COLUMN step_index        SMALLINT NOT NULL DEFAULT 0,
    -- The approval decision: {"decision": "approve"|"reject", "by": {...}, "comment", "at"}.
    ADD COLUMN approval          JSONB,
    -- Automations: the one that asked (NULL: a person or a key), and how deep in a chain of
    -- automation-started runs this one is (the loop guard).
    ADD COLUMN automation_id     UUID,
    ADD COLUMN depth             SMALLINT NOT NULL DEFAULT 0,
    -- A run asked twice with the same key (a retried request, an automation re-reading an event) is one run.
    ADD COLUMN idempotency_key   VARCHAR(200),
    -- A webhook step with wait_for_report: the run fails when no final status arrives by then.
    ADD COLUMN report_deadline   TIMESTAMPTZ(3),
    ADD COLUMN updated_at        TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

CREATE UNIQUE INDEX idx_action_runs_idempotency ON action_runs (team_id, action_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- Keyset lists: per team, per action (replaces the seed's index), per entity; newest first.
DROP INDEX idx_action_runs_action;
CREATE INDEX idx_action_runs_team ON action_runs (team_id, created_at DESC, id DESC);
CREATE INDEX idx_action_runs_action ON action_runs (team_id, action_id, created_at DESC, id DESC);
CREATE INDEX idx_action_runs_entity ON action_runs (team_id, entity_id, created_at DESC, id DESC)
    WHERE entity_id IS NOT NULL;
-- Runs not finished: the sweep that resumes them after a restart, the approvals inbox, the report
-- deadlines. Small (finished runs leave it), so one partial index serves all three.
CREATE INDEX idx_action_runs_open ON action_runs (status, team_id, created_at)
    WHERE status IN ('queued', 'waiting_approval', 'running');

-- Run logs: what Baseplate did (each request, retry, answer) and what the external system reported.
CREATE TABLE action_run_logs (
    team_id UUID NOT NULL,
    run_id  UUID NOT NULL,
    id      BIGINT GENERATED ALWAYS AS IDENTITY,
    at      TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    level   VARCHAR(10) NOT NULL DEFAULT 'info' CHECK (level IN ('debug', 'info', 'warn', 'error')),
    -- The step (0-based) the line belongs to; NULL for the run as a whole.
    step    SMALLINT,
    -- 'baseplate' (the runner) or 'external' (POST .../logs).
    source  VARCHAR(10) NOT NULL DEFAULT 'baseplate' CHECK (source IN ('baseplate', 'external')),
    message TEXT NOT NULL CHECK (length(message) <= 10000),
    PRIMARY KEY (team_id, run_id, id),
    FOREIGN KEY (team_id, run_id) REFERENCES action_runs(team_id, id) ON DELETE CASCADE
);

-- Automations --------------------------------------------------------------------------------------
CREATE TABLE automations (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    identifier   VARCHAR(100) NOT NULL,
    title        VARCHAR(100) NOT NULL,
    description  TEXT,
    enabled      BOOLEAN NOT NULL DEFAULT true,
    event        VARCHAR(40) NOT NULL CHECK (event IN (
                     'entity.created', 'entity.updated', 'entity.deleted', 'scorecard.level_changed', 'run.finished')),
    blueprint_id VARCHAR(50),
    -- A query tree over the entity after the change, or {"changed": ["<property>", ...]}; NULL: always.
    condition    JSONB CHECK (condition IS NULL OR jsonb_typeof(condition) = 'object'),
    -- The action it runs (an action in use cannot be deleted: NO ACTION, checked at the statement's
    -- end, so deleting a team still removes both).
    action_id    UUID NOT NULL,
    -- JSONata over {event, entity, before, after}: an object of expressions, or one expression.
    inputs       JSONB,
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   UUID REFERENCES users(id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, identifier),
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, action_id) REFERENCES actions(team_id, id)
);
CREATE INDEX idx_automations_action ON automations (team_id, action_id);
-- The consumer's lookup per event: the enabled automations of a team listening to a kind.
CREATE INDEX idx_automations_event ON automations (team_id, event) WHERE enabled;

ALTER TABLE action_runs
    ADD CONSTRAINT action_runs_automation_fk FOREIGN KEY (team_id, automation_id)
        REFERENCES automations(team_id, id) ON DELETE SET NULL (automation_id);

-- The outbox learns the run and scorecard events automations listen to. run_id names the run of a
-- 'run.finished' event; its entity (when it has one) is in entity_id / identifier as for entity events.
ALTER TABLE catalog_events DROP CONSTRAINT catalog_events_kind_check;
ALTER TABLE catalog_events ADD CONSTRAINT catalog_events_kind_check CHECK (kind IN (
    'entity.created', 'entity.updated', 'entity.deleted', 'entity.restored', 'entity.links_changed',
    'blueprint.created', 'blueprint.updated', 'blueprint.deleted', 'scorecard.level_changed', 'run.finished'));
ALTER TABLE catalog_events DROP CONSTRAINT catalog_events_check;
ALTER TABLE catalog_events ADD CONSTRAINT catalog_events_check CHECK (
    (kind NOT LIKE 'entity.%' AND kind <> 'scorecard.level_changed') OR (entity_id IS NOT NULL AND identifier IS NOT NULL));
ALTER TABLE catalog_events ADD COLUMN run_id UUID;

-- Where each reader of the outbox has got to: its (tx, id) cursor (lib/events/read-events.sql.ts).
CREATE TABLE event_consumers (
    name       VARCHAR(50) PRIMARY KEY,
    tx         XID8 NOT NULL DEFAULT '0',
    id         BIGINT NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
