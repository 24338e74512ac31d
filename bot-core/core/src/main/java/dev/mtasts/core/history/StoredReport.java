package dev.mtasts.core.history;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The latest full report of a domain as a store keeps it for the web permalink: rendered as the chat and CLI text
 * (findings, remediations, fix times, the sender view) and as the CLI's JSON. Untrusted text: escape it to show it.
 *
 * @param status the report's overall status label ({@code pass}, {@code info}, {@code warn}, {@code fail})
 */
public record StoredReport(String domain, Instant checkedAt, String status, String text, String json) {
    public StoredReport {
        requireNonNull(domain, "domain is null");
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(text, "text is null");
        requireNonNull(json, "json is null");
    }
}
