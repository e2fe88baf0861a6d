-- The runs of a blueprint's actions, newest first (GET .../runs?blueprint=<bp>: a blueprint's
-- actions page), read as a keyset range like the other run lists (0020).
CREATE INDEX idx_action_runs_blueprint ON action_runs (team_id, blueprint_id, created_at DESC, id DESC);
