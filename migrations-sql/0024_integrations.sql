-- Integrations and their syncs (issue 14; API.md "Integrations, ingestion, import and export").
-- The seed's `integrations` and `integration_mappings` (0004) were never used by any code, so they
-- are recreated in the shape the API needs rather than altered column by column:
-- * Mappings stay in `integration_mappings`, one row per mapping, ordered by `position`: the foreign
--   key to the blueprint keeps a mapping from naming another team's or a missing blueprint, and
--   deleting a blueprint takes its mappings with it (its delete preview counts them). They are
--   always written with their integration as a whole (one ETag, one audit row, one save-time
--   compile of every expression): a save replaces the integration's rows.
-- * A sync's history is `integration_syncs`, listed newest first with a keyset cursor.
-- * Which entities an integration wrote (what a full sync may delete) is a column of `entities`,
--   not a table of its own: the upsert statement that writes the entity sets it (no extra row, no
--   extra statement, no extra index entry per entity beyond the partial index below, which only
--   holds integration-written rows), and a full sync's "written earlier, not sent now" is one
--   index range. A link table would cost one more row and two index entries per entity on the
--   1M-entity bench, and a cascade probe on every entity deletion.
--   No foreign key to `integrations`: its check would be a per-row trigger on every bulk insert of
--   entities; deleting an integration clears the column itself, in the same transaction
--   (lib/integrations/integration-service.ts).

DROP TABLE integration_mappings;
DROP TABLE integrations;

CREATE TABLE integrations (
    team_id            UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id                 UUID NOT NULL DEFAULT uuid_generate_v4(),
    identifier         VARCHAR(50) NOT NULL,
    title              VARCHAR(100) NOT NULL,
    kind               VARCHAR(20) NOT NULL CHECK (kind IN ('webhook', 'file', 'http-pull')),
    -- Kind-specific settings (an http-pull's URL and schedule...). Never secrets.
    settings           JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(settings) = 'object'),
    enabled            BOOLEAN NOT NULL DEFAULT TRUE,
    -- A full sync deleting more than this fraction of the integration's entities is refused unless forced.
    deletion_threshold DOUBLE PRECISION NOT NULL DEFAULT 0.1 CHECK (deletion_threshold >= 0 AND deletion_threshold <= 1),
    -- The ingestion secret, sealed by lib/crypto/secret-box.ts (context "integration:<id>:secret").
    -- Shown once, in the create's answer and in rotate-secret's; never returned otherwise.
    secret             TEXT NOT NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    created_by         UUID REFERENCES users(id) ON DELETE SET NULL,
    -- The last sync, for the integrations page: when, its counts and its error (NULL: none yet).
    last_sync_at       TIMESTAMPTZ(3),
    last_sync_counts   JSONB CHECK (last_sync_counts IS NULL OR jsonb_typeof(last_sync_counts) = 'object'),
    last_sync_error    TEXT CHECK (length(last_sync_error) <= 2000),
    created_at         TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, identifier)
);

CREATE TABLE integration_mappings (
    team_id        UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id             UUID NOT NULL DEFAULT uuid_generate_v4(),
    integration_id UUID NOT NULL,
    blueprint_id   VARCHAR(50) NOT NULL,
    -- The mapping's expressions, JSONata each (compiled when saved): {"selector"?, "items_to_parse"?,
    -- "entity": {"identifier", "title"?, "properties"?, "relations"?}}.
    mapping        JSONB NOT NULL CHECK (jsonb_typeof(mapping) = 'object'),
    -- Order within the integration (0-based): the order the API was given them in.
    position       INTEGER NOT NULL,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, integration_id, position),
    FOREIGN KEY (team_id, integration_id) REFERENCES integrations(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);
-- The blueprint's delete preview counts its mappings.
CREATE INDEX idx_integration_mappings_blueprint ON integration_mappings (team_id, blueprint_id);

CREATE TABLE integration_syncs (
    team_id        UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id             UUID NOT NULL DEFAULT uuid_generate_v4(),
    integration_id UUID NOT NULL,
    mode           VARCHAR(10) NOT NULL CHECK (mode IN ('delta', 'full')),
    dry_run        BOOLEAN NOT NULL DEFAULT FALSE,
    -- 'sync' (POST .../sync), 'webhook' (POST /api/v1/ingest/...), 'import'.
    source         VARCHAR(20) NOT NULL DEFAULT 'sync',
    started_at     TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at    TIMESTAMPTZ(3),
    -- {"received", "created", "updated", "unchanged", "deleted", "failed"}
    counts         JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(counts) = 'object'),
    -- The first failures ([{index, identifier?, path?, message}], capped by the engine).
    failures       JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(failures) = 'array'),
    -- Why the sync as a whole did not apply (a refused deletion...); NULL when it did.
    error          TEXT CHECK (length(error) <= 2000),
    -- Who asked: {"type": "user", "id"} | {"type": "api_key", "id"} | {"type": "webhook"}.
    actor          JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(actor) = 'object'),
    PRIMARY KEY (team_id, id),
    FOREIGN KEY (team_id, integration_id) REFERENCES integrations(team_id, id) ON DELETE CASCADE
);
-- GET .../syncs: one integration's syncs, newest first, keyset (started_at, id).
CREATE INDEX idx_integration_syncs_list ON integration_syncs (team_id, integration_id, started_at DESC, id DESC);

ALTER TABLE entities ADD COLUMN integration_id UUID;
-- A full sync's candidates for deletion: what one integration wrote, per blueprint. Partial, so the
-- entities people typed in cost it nothing.
CREATE INDEX idx_entities_integration ON entities (team_id, integration_id, blueprint_id)
    WHERE integration_id IS NOT NULL;
