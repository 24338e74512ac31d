-- Issue 14: the latest full report of each domain, for the web permalink /report/{domain} (findings, remediations,
-- fix times, the sender view), as the chat/CLI text and as the CLI's JSON. One row per domain, replaced by each check.
-- Portable SQL: the same migration runs on H2 2.x (the embedded default) and PostgreSQL 12+.

CREATE TABLE mtasts_latest_report (
    domain_name VARCHAR(253)             NOT NULL PRIMARY KEY,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    status      VARCHAR(8)               NOT NULL,
    report_text VARCHAR                  NOT NULL,
    report_json VARCHAR                  NOT NULL
);

CREATE INDEX mtasts_latest_report_time ON mtasts_latest_report (checked_at);
