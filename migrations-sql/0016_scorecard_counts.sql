-- Scorecard counts (issue 12, "summary p95 under 20 ms on a 100k-entity blueprint"): the number of
-- results per (scorecard, generation, level, passed), so that the summary without a query reads a
-- few rows (levels x distinct rule outcomes) instead of aggregating one row per entity. Measured
-- with EXPLAIN (ANALYZE, BUFFERS) at 100k results of one scorecard (10 rules, 9 keys), on a
-- shared, busy machine: the aggregate over scorecard_results read 100,000 index tuples (1,366
-- buffers, 120-360 ms; after VACUUM ANALYZE the planner took a parallel seq scan, 3,738 buffers,
-- 155 ms): an index-only scan cannot be made cheap enough, it is O(entities). The counts: 180
-- delta rows before the fold, 6 buffers, 0.4 ms; 9 rows after it. scorecard-counts.int.test.ts
-- holds the plan (the summary reads scorecard_counts, never scorecard_results).
--
-- Why deltas appended by statement triggers, not one row per key updated in place:
-- * Triggers see EVERY change of scorecard_results: the evaluator's upserts and deletes, the
--   recompute's chunks, and the cascades no statement of ours runs (an entity, a blueprint or a
--   team deleted). Their transition tables hold the rows as really written (the version a
--   concurrent writer left, after the wait), so a delta is exact where a delta computed from a
--   CTE's snapshot would not be.
-- * Appending (no ON CONFLICT ... SET n = n + delta) takes no row lock: concurrent writers of one
--   scorecard never queue behind, nor deadlock on, a hot counter row (one statement's INSERT,
--   UPDATE and DELETE triggers would lock keys in three passes, in no common order).
-- The price: a key's count is the SUM of its rows. The summary folds them (compactCountsSql in
-- lib/scorecards/evaluate/read-results.sql.ts) once a generation has gathered many; the sweep
-- of older generations drops theirs.
CREATE TABLE scorecard_counts (
    team_id      UUID NOT NULL,
    id           BIGINT GENERATED ALWAYS AS IDENTITY,
    scorecard_id UUID NOT NULL,
    generation   INTEGER NOT NULL,
    level        SMALLINT NOT NULL,
    passed       BIGINT NOT NULL,
    -- A delta: negative for rows that left the key.
    n            INTEGER NOT NULL,
    PRIMARY KEY (team_id, id),
    FOREIGN KEY (team_id, scorecard_id) REFERENCES scorecards(team_id, id) ON DELETE CASCADE
);
-- The summary: one generation's rows, an index(-only) range scan.
CREATE INDEX idx_scorecard_counts_generation ON scorecard_counts (team_id, scorecard_id, generation) INCLUDE (level, passed, n);

-- One delta row per key a statement changed (grouped: a 1000-entity write adds a few rows).
-- Results removed by a scorecard's own delete (its blueprint's, its team's) cascade here after the
-- scorecard row is gone: their counts go with it, so those rows are skipped (EXISTS).
CREATE FUNCTION scorecard_counts_apply() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO scorecard_counts (team_id, scorecard_id, generation, level, passed, n)
        SELECT team_id, scorecard_id, generation, level, passed, count(*) FROM new_rows r
         WHERE EXISTS (SELECT 1 FROM scorecards s WHERE s.team_id = r.team_id AND s.id = r.scorecard_id)
         GROUP BY team_id, scorecard_id, generation, level, passed;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO scorecard_counts (team_id, scorecard_id, generation, level, passed, n)
        SELECT team_id, scorecard_id, generation, level, passed, -count(*) FROM old_rows r
         WHERE EXISTS (SELECT 1 FROM scorecards s WHERE s.team_id = r.team_id AND s.id = r.scorecard_id)
         GROUP BY team_id, scorecard_id, generation, level, passed;
    ELSE
        INSERT INTO scorecard_counts (team_id, scorecard_id, generation, level, passed, n)
        SELECT team_id, scorecard_id, generation, level, passed, sum(d) FROM (
            SELECT team_id, scorecard_id, generation, level, passed, 1 AS d FROM new_rows
            UNION ALL
            SELECT team_id, scorecard_id, generation, level, passed, -1 FROM old_rows) x
         WHERE EXISTS (SELECT 1 FROM scorecards s WHERE s.team_id = x.team_id AND s.id = x.scorecard_id)
         GROUP BY team_id, scorecard_id, generation, level, passed
        HAVING sum(d) <> 0;
    END IF;
    RETURN NULL;
END $$;

-- A transition table belongs to one event, hence three triggers on the one function.
CREATE TRIGGER scorecard_counts_inserted AFTER INSERT ON scorecard_results
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scorecard_counts_apply();
CREATE TRIGGER scorecard_counts_updated AFTER UPDATE ON scorecard_results
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scorecard_counts_apply();
CREATE TRIGGER scorecard_counts_deleted AFTER DELETE ON scorecard_results
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION scorecard_counts_apply();

-- The results computed before this migration.
INSERT INTO scorecard_counts (team_id, scorecard_id, generation, level, passed, n)
SELECT team_id, scorecard_id, generation, level, passed, count(*) FROM scorecard_results
 GROUP BY team_id, scorecard_id, generation, level, passed;
