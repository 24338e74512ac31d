-- Issue 12: a hash of what each observation saw (everything but the time and the body text), so that a domain's
-- history can be condensed to its changes by reading ids and hashes only, and an unchanged observation within the
-- hour can be skipped on write. Rows written before this migration get theirs when the store opens.
-- Portable SQL: the same migration runs on H2 2.x (the embedded default) and PostgreSQL 12+.

ALTER TABLE mtasts_observation ADD COLUMN state_sha256 VARCHAR(64);
