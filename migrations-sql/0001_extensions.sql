-- Extensions Baseplate relies on.
-- Timestamps are TIMESTAMPTZ(3): milliseconds, like JavaScript dates and RFC 3339 in the API, so a
-- keyset cursor built from a row's created_at finds that row again exactly.
-- uuid-ossp: uuid_generate_v4() for primary keys (as in DATABASE.md).
-- pg_trgm:   trigram indexes for substring search on titles and identifiers.
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pg_trgm;
