-- API keys stop working when their creator leaves the team (API.md, identity issue item 5).
-- Removal now revokes them in its transaction; keys whose creator left before this rule (or
-- whose account is gone) are revoked here, so the key list shows what resolution already
-- enforces (lib/auth/resolve-actor.ts refuses a key whose creator is not a member).
UPDATE api_keys k
   SET revoked_at = CURRENT_TIMESTAMP
 WHERE k.revoked_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = k.team_id AND m.user_id = k.user_id);
