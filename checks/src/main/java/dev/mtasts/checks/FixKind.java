package dev.mtasts.checks;

/** What kind of change fixes a finding, which decides what the fix waits for. */
public enum FixKind {
    /** Nothing to fix (pass and info findings). */
    NONE,
    /** Change the {@code _mta-sts} TXT record; resolvers keep the old answer for its TTL. */
    STS_RECORD,
    /** Change the {@code _smtp._tls} TXT record; resolvers keep the old answer for its TTL. */
    TLSRPT_RECORD,
    /** Change another DNS name (the policy host, an MX host, a stray record); wait for its TTL. */
    OTHER_DNS,
    /**
     * Change the policy file and publish a new id in the {@code _mta-sts} record; senders notice once their cached
     * TXT answer expires (its TTL), then fetch the new policy.
     */
    POLICY_FILE,
    /** Change the web server of the policy host (status, headers, content); no wait. */
    WEB_SERVER,
    /** Obtain or install a certificate for the policy host or an MX host. */
    CERTIFICATE,
    /** Change the configuration of an MX host's mail server (STARTTLS, TLS versions, port 25); no wait. */
    MAIL_SERVER,
    /** Convert the policy file's line endings. */
    LINE_ENDINGS,
    /** Investigate a lookup failure whose cause this plugin cannot see. */
    INVESTIGATE,
    /** Publish a new {@code id} in the {@code _mta-sts} record; senders see it once their cached answer expires. */
    ID_BUMP,
    /** Watch two weeks of TLS-RPT reports, fix what they show, then switch the policy to {@code enforce}. */
    ENFORCE_AFTER_REPORTS,
    /**
     * Restore the deployment with {@code mode: none} and wait until every cached policy has expired (the old
     * {@code max_age}, which the check reads from history) before removing it (RFC 8461 §8.3).
     */
    STAGED_REMOVAL
}
