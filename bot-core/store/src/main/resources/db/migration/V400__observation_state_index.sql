-- Rows written before V2 have no state hash; the store hashes them when it opens (JdbcHistoryStore
-- .backfillStateHashes), and that look for rows WHERE state_sha256 IS NULL ran at every open. Without an index it read
-- every observation (about 0.2 s for 12,000 rows, on the path of every `mtasts check`); with one it finds none at once.
-- Portable SQL: the same migration runs on H2 2.x (the embedded default) and PostgreSQL 12+.

CREATE INDEX mtasts_observation_state ON mtasts_observation (state_sha256);
