package dev.mtasts.tlsrpt;

import java.util.Locale;

/** The result types of RFC 8460 §4.3 and the IANA registry, grouped by what an operator has to fix. */
public final class ResultTypes {
    private ResultTypes() {}

    /** What a failed session's result type is about. */
    public enum Category {
        /** {@code starttls-not-supported}: the MX offers no STARTTLS. */
        STARTTLS,
        /** {@code certificate-*}: the MX's certificate (names, expiry, trust). */
        CERTIFICATE,
        /** {@code sts-*}: the MTA-STS policy (fetch, syntax, the policy host's certificate). */
        STS,
        /** {@code tlsa-invalid}, {@code dnssec-invalid}, {@code dane-required}: DANE. */
        DANE,
        /** {@code validation-failure}: a general TLS validation failure. */
        VALIDATION,
        /** A type outside the registry, kept as sent. */
        OTHER
    }

    public static Category category(String resultType) {
        String type = resultType.strip().toLowerCase(Locale.ROOT);
        if (type.equals("starttls-not-supported")) {
            return Category.STARTTLS;
        }
        if (type.startsWith("certificate-")) {
            return Category.CERTIFICATE;
        }
        if (type.startsWith("sts-")) {
            return Category.STS;
        }
        if (type.equals("tlsa-invalid") || type.equals("dnssec-invalid") || type.equals("dane-required")) {
            return Category.DANE;
        }
        if (type.equals("validation-failure")) {
            return Category.VALIDATION;
        }
        return Category.OTHER;
    }

    /** Whether failures of this type block the move from {@code testing} to {@code enforce}: they would bounce mail. */
    public static boolean blocksEnforce(String resultType) {
        return switch (category(resultType)) {
            case STARTTLS, CERTIFICATE, STS -> true;
            case DANE, VALIDATION, OTHER -> false;
        };
    }

    /**
     * The most likely fix for failures of {@code resultType}, naming the MX host when the reports do; plain text, with
     * {@code resultType} (untrusted) only when it is outside the registry.
     */
    public static String likelyFix(String resultType, String domain, String mx) {
        String type = resultType.strip().toLowerCase(Locale.ROOT);
        return switch (category(resultType)) {
            case STARTTLS -> mx + " does not offer STARTTLS: enable STARTTLS on it, with a certificate valid for " + mx;
            case CERTIFICATE ->
                switch (type) {
                    case "certificate-host-mismatch" ->
                        mx + " presents a certificate that does not name it: reissue the certificate with " + mx
                                + " in its subject alternative names";
                    case "certificate-expired" ->
                        mx + " presents an expired certificate: renew it and reload the mail server";
                    case "certificate-not-trusted" ->
                        mx + " presents a certificate senders do not trust: use one from a public CA and serve the"
                                + " full chain (with the intermediates)";
                    default -> mx + " presents a certificate senders reject: check its names, dates and chain";
                };
            case STS ->
                switch (type) {
                    case "sts-policy-fetch-error" ->
                        "senders could not fetch https://mta-sts." + domain + "/.well-known/mta-sts.txt: make sure"
                                + " the policy host answers 200 over HTTPS with a valid certificate";
                    case "sts-policy-invalid" ->
                        "senders found the policy of " + domain + " invalid: check its syntax and that it lists " + mx;
                    case "sts-webpki-invalid" ->
                        "the certificate of mta-sts." + domain + " is not valid for senders: renew it, fix its names"
                                + " and serve the full chain";
                    default -> "senders could not apply the MTA-STS policy of " + domain + ": check it";
                };
            case DANE ->
                "DANE validation of " + mx + " failed: publish TLSA records that match its certificate, signed"
                        + " with DNSSEC";
            case VALIDATION ->
                "senders could not validate TLS to " + mx
                        + ": check its certificate chain and the TLS versions it offers";
            case OTHER ->
                "senders report '" + ReportParser.abbreviate(resultType) + "' for " + mx
                        + ": see the failure-reason-code in their reports";
        };
    }
}
