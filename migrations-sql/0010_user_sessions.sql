-- Server-side browser sessions (identity issue, item 11). The session cookie is a next-auth JWT;
-- it now also names a row here, which every request checks (one primary-key lookup joined to the
-- user). Signing out deletes the row, so a copied cookie stops working at once; a password change
-- deletes the user's other rows (and their other login tokens).
CREATE TABLE user_sessions (
    id         UUID PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id    UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    user_agent VARCHAR(512),
    expires_at TIMESTAMPTZ(3) NOT NULL,
    created_at TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- "End my other sessions" starts from the user.
CREATE INDEX idx_user_sessions_user ON user_sessions (user_id);
