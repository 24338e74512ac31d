package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One observation a check makes about a domain.
 *
 * @param code stable kebab-case identifier, e.g. {@code id-not-bumped}
 * @param severity how bad it is
 * @param message plain text for users; adapters own all markup and escaping
 * @param evidence the raw data seen (a TXT record, a policy line), empty when there is none
 * @param remediation what to do; required for {@link Severity#WARN} and {@link Severity#FAIL}
 */
public record Finding(
        String code, Severity severity, String message, String evidence, Optional<Remediation> remediation) {
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Finding {
        requireNonNull(code, "code is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        requireNonNull(evidence, "evidence is null");
        requireNonNull(remediation, "remediation is null");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("finding code is not kebab-case: " + code);
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("finding " + code + " has no message");
        }
        if ((severity == Severity.WARN || severity == Severity.FAIL) && remediation.isEmpty()) {
            throw new IllegalArgumentException(
                    "finding " + code + " is " + severity.label() + " but has no remediation");
        }
    }

    public static Finding pass(String code, String message) {
        return new Finding(code, Severity.PASS, message, "", Optional.empty());
    }

    public static Finding info(String code, String message) {
        return new Finding(code, Severity.INFO, message, "", Optional.empty());
    }

    public static Finding info(String code, String message, Remediation remediation) {
        return new Finding(code, Severity.INFO, message, "", Optional.of(remediation));
    }

    public static Finding warn(String code, String message, Remediation remediation) {
        return new Finding(code, Severity.WARN, message, "", Optional.of(remediation));
    }

    public static Finding fail(String code, String message, Remediation remediation) {
        return new Finding(code, Severity.FAIL, message, "", Optional.of(remediation));
    }

    /** A finding at the given severity; the remediation may be empty only for pass and info. */
    public static Finding of(Severity severity, String code, String message, Optional<Remediation> remediation) {
        return new Finding(code, severity, message, "", remediation);
    }

    public Finding withEvidence(String evidence) {
        return new Finding(code, severity, message, evidence, remediation);
    }

    public Finding withSeverity(Severity severity) {
        return new Finding(code, severity, message, evidence, remediation);
    }

    public Optional<FixTime> fixTime() {
        return remediation.map(Remediation::fixTime);
    }
}
