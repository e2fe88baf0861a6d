-- Blueprints, entities and their relations (DATABASE.md "Core Domain" and "Relationship Tables").
--
-- Differences from DATABASE.md, on purpose:
-- * A blueprint id is unique within its team, not globally: the key is (team_id, id), so two
--   teams may both have `service`. Everything that points at a blueprint points at (team_id, id).
-- * entity_relations carries team_id and its foreign keys include it, so a relation can never
--   join two teams' entities or use another team's relation definition.
-- * blueprints.version and entities.version count writes: the validator cache is keyed by the
--   blueprint's version and an entity's ETag is derived from its version.

CREATE TABLE blueprints (
    team_id     UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id          VARCHAR(50) NOT NULL CHECK (id ~ '^[a-z][a-z0-9_-]{0,49}$'),
    title       VARCHAR(100) NOT NULL,
    description TEXT,
    icon        VARCHAR(50),
    schema      JSONB NOT NULL DEFAULT '{"type": "object", "properties": {}}',
    version     INTEGER NOT NULL DEFAULT 1,
    created_by  UUID,
    updated_by  UUID,
    created_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id)
);
-- The document's idx_blueprints_team (team_id) is the leading column of the primary key.

CREATE TABLE entities (
    team_id      UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id           UUID NOT NULL DEFAULT uuid_generate_v4(),
    blueprint_id VARCHAR(50) NOT NULL,
    identifier   VARCHAR(255) NOT NULL,
    title        VARCHAR(255),
    data         JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    version      INTEGER NOT NULL DEFAULT 1,
    -- The acting user's id; for a write made with an API key, the key's creator (the audit log
    -- names the key itself).
    created_by   UUID,
    updated_by   UUID,
    created_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, blueprint_id, identifier),
    FOREIGN KEY (team_id, blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);
-- GIN with the default jsonb_ops class (not jsonb_path_ops): it serves containment (@>), key
-- existence (?, ?|, ?&) and, written as containment, array membership:
-- data @> '{"dependencies": ["postgres"]}'. The document's pattern 5 as written,
-- data->'dependencies' ? 'postgres', can use no index on `data`; the query compiler emits the
-- containment form instead.
CREATE INDEX idx_entities_data ON entities USING GIN (data);
-- Keyset pagination of a blueprint's list, newest first: (created_at, id) < (cursor) walks this
-- index backwards-free and stops after `limit` rows at any depth. It also replaces the document's
-- idx_entities_blueprint (blueprint_id alone means nothing now that ids are per team) and
-- idx_entities_team (leading column here and of the primary key).
CREATE INDEX idx_entities_list ON entities (team_id, blueprint_id, created_at DESC, id DESC);

CREATE TABLE blueprint_relations (
    team_id             UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id                  UUID NOT NULL DEFAULT uuid_generate_v4(),
    source_blueprint_id VARCHAR(50) NOT NULL,
    target_blueprint_id VARCHAR(50) NOT NULL,
    identifier          VARCHAR(100) NOT NULL,
    title               VARCHAR(100),
    relation_type       VARCHAR(20) NOT NULL DEFAULT 'many-to-many'
                        CHECK (relation_type IN ('one-to-one', 'one-to-many', 'many-to-one', 'many-to-many')),
    required            BOOLEAN NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, source_blueprint_id, identifier),
    FOREIGN KEY (team_id, source_blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, target_blueprint_id) REFERENCES blueprints(team_id, id) ON DELETE CASCADE
);
CREATE INDEX idx_blueprint_relations_target ON blueprint_relations (team_id, target_blueprint_id);

CREATE TABLE entity_relations (
    team_id          UUID NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    id               UUID NOT NULL DEFAULT uuid_generate_v4(),
    relation_id      UUID NOT NULL,
    source_entity_id UUID NOT NULL,
    target_entity_id UUID NOT NULL,
    created_at       TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (team_id, id),
    UNIQUE (team_id, relation_id, source_entity_id, target_entity_id),
    FOREIGN KEY (team_id, relation_id) REFERENCES blueprint_relations(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, source_entity_id) REFERENCES entities(team_id, id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, target_entity_id) REFERENCES entities(team_id, id) ON DELETE CASCADE
);
-- The document's idx_entity_relations_source / _target, with team_id leading (graph walks start
-- from one team's entity in either direction).
CREATE INDEX idx_entity_relations_source ON entity_relations (team_id, source_entity_id);
CREATE INDEX idx_entity_relations_target ON entity_relations (team_id, target_entity_id);

-- "Recently updated" across a team's whole catalog (the catalog home), newest first, bounded.
CREATE INDEX idx_entities_recent ON entities (team_id, updated_at DESC, id DESC);
