-- A blueprint's schema is a document a person writes, and the order of its `properties` is their
-- intent: the order of the entity form's fields, the entity page and the catalog's columns. JSONB
-- keeps object keys sorted by length, so that order was lost on save. JSON keeps the text as
-- written. Nothing queries inside a schema with jsonb operators (entities' `data` stays JSONB,
-- behind its GIN index), so nothing else changes. Schemas saved before this migration keep the
-- order JSONB left them in.
ALTER TABLE blueprints ALTER COLUMN schema DROP DEFAULT;
ALTER TABLE blueprints ALTER COLUMN schema TYPE JSON USING schema::json;
ALTER TABLE blueprints ALTER COLUMN schema SET DEFAULT '{"type": "object", "properties": {}}'::json;
