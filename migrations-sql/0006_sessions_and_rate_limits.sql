-- Login tokens for scripts (POST /api/v1/auth/login) and the rate-limit counters.

-- Opaque bearer tokens ("bpt_" + 64 hex), stored as SHA-256 only, revocable, with an expiry.
-- The user's status is checked on every request, so suspending a user stops their tokens at once.
CREATE TABLE login_tokens (
    id         UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash CHAR(64) NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_agent VARCHAR(512),
    expires_at TIMESTAMPTZ(3) NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX idx_login_tokens_hash ON login_tokens (token_hash);
CREATE INDEX idx_login_tokens_user ON login_tokens (user_id);

-- Fixed-window counters shared by every app instance (a limit kept in process memory would be
-- multiplied by the number of instances behind the load balancer). One upsert per hit.
-- UNLOGGED: no WAL for this hot, disposable data; a crash empties it, which only resets limits.
CREATE UNLOGGED TABLE rate_limit_buckets (
    key          VARCHAR(255) PRIMARY KEY,
    window_start TIMESTAMPTZ(3) NOT NULL,
    hits         INTEGER NOT NULL
);
CREATE INDEX idx_rate_limit_buckets_window ON rate_limit_buckets (window_start);
