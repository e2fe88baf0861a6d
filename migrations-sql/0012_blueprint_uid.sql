-- The compiled validator of a blueprint's schema is cached in each process, keyed by the
-- blueprint's version. A blueprint deleted and created again under the same id starts again at
-- version 1, so (team, id, version) repeats and the cache served the deleted blueprint's schema to
-- its namesake. `uid` is drawn afresh for every blueprint row and never reused: the cache key
-- (uid, version) names one schema for good. Existing rows get theirs here.
ALTER TABLE blueprints ADD COLUMN uid UUID NOT NULL DEFAULT uuid_generate_v4();
