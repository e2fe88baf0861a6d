-- http-pull integrations (issue 14, item 3): a URL fetched on a schedule and synced like a webhook.
-- * `next_pull_at`: when the integration is due. Set only while an http-pull integration is
--   enabled (NULL otherwise), so the sweep of the integration-pull job (every 60 s, every instance)
--   is one range scan of the partial index below over all teams, which holds only those rows.
--   The job claims a pull by moving next_pull_at forward from the value it was enqueued with
--   (compare-and-set), so two instances that both saw it due pull it once.
-- * `pull_headers`: the request headers' values ({"Authorization": "Bearer ..."} as JSON), sealed by
--   lib/crypto/secret-box.ts (context "integration:<id>:pull-headers"); `settings` keeps the header
--   names only (with null values), so settings still hold no secret and are returned as they are.

ALTER TABLE integrations ADD COLUMN next_pull_at TIMESTAMPTZ(3);
ALTER TABLE integrations ADD COLUMN pull_headers TEXT;
ALTER TABLE integrations ADD CONSTRAINT integrations_next_pull_kind CHECK (next_pull_at IS NULL OR kind = 'http-pull');

-- The integration-pull sweep: due pulls of every team, oldest first.
CREATE INDEX idx_integrations_next_pull ON integrations (next_pull_at) WHERE next_pull_at IS NOT NULL;
