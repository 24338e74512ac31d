package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The wording of {@code /mtasts reports <domain>}, the same on every platform: plain text in parts a platform lays
 * out (a title, sections of lines, the verdict). Untrusted parts (organisations, result types, MX hosts, reasons) are
 * left as they are: the platform escapes every string it gets from here.
 */
public final class TlsRptWording {
    /** The most organisations, result types or MX hosts one reply lists; the rest are counted. */
    static final int MAX_LINES = 15;

    private TlsRptWording() {}

    /** A titled group of lines. */
    public record Section(String title, List<String> lines) {
        public Section {
            requireNonNull(title, "title is null");
            lines = List.copyOf(requireNonNull(lines, "lines is null"));
        }
    }

    /** "TLS reports for example.com, 2026-11-04 to 2026-12-03". */
    public static String title(TlsRptSummary summary) {
        return "TLS reports for " + summary.domain() + ", " + summary.from() + " to " + summary.to();
    }

    /** "12 reports from 3 organisations; 1,000 sessions: 996 successful, 4 failed (0.40 %)". */
    public static String overview(TlsRptSummary summary) {
        if (summary.reports() == 0) {
            return "No TLS-RPT reports arrived for " + summary.domain() + " in this period. Reports are sent to the"
                    + " addresses in the domain's _smtp._tls TXT record (rua=).";
        }
        long total = summary.successful() + summary.failed();
        return summary.reports() + (summary.reports() == 1 ? " report" : " reports") + " from "
                + summary.organizations().size()
                + (summary.organizations().size() == 1 ? " organisation" : " organisations") + "; " + total
                + (total == 1 ? " session: " : " sessions: ") + summary.successful() + " successful, "
                + summary.failed()
                + " failed (" + summary.failureShare() + ")";
    }

    /** The organisations, the failures by result type and the sessions by MX; empty groups are left out. */
    public static List<Section> sections(TlsRptSummary summary) {
        List<Section> sections = new ArrayList<>();
        if (!summary.organizations().isEmpty()) {
            sections.add(new Section("Sending organisations", capped(summary.organizations())));
        }
        if (!summary.failures().isEmpty()) {
            sections.add(new Section(
                    "Failures by result type",
                    capped(summary.failures().stream()
                            .map(failure -> failure.resultType() + ": " + failure.count())
                            .toList())));
        }
        if (!summary.byMx().isEmpty()) {
            sections.add(new Section(
                    "Sessions by MX (successful / failed)",
                    capped(summary.byMx().stream()
                            .map(mx -> (mx.mx().equals(TlsRptSummary.ANY_MX) ? "any MX (not attributed)" : mx.mx())
                                    + ": " + mx.successful() + " / " + mx.failed())
                            .toList())));
        }
        return sections;
    }

    /** "Safe to enforce" / "Not ready for enforce" / "In enforce". */
    public static String verdict(TlsRptSummary summary) {
        return switch (summary.readiness()) {
            case Readiness.Ready ready -> "Safe to enforce";
            case Readiness.Blocked blocked -> "Not ready for enforce";
            case Readiness.Enforcing enforcing ->
                "In enforce: " + enforcing.failed() + " of " + (enforcing.successful() + enforcing.failed())
                        + " sessions failed since the switch";
        };
    }

    /** Whether the verdict is good news (ready, or enforcing). */
    public static boolean good(TlsRptSummary summary) {
        return switch (summary.readiness()) {
            case Readiness.Ready ready -> true;
            case Readiness.Blocked blocked -> false;
            case Readiness.Enforcing enforcing -> enforcing.failed() == 0;
        };
    }

    /** For a domain ready to enforce: the exact policy change, then the TXT record with the new id, as code. */
    public static List<String> steps(TlsRptSummary summary) {
        return switch (summary.readiness()) {
            case Readiness.Ready ready ->
                List.of(
                        "1. Change the policy file: " + ready.policyChange(),
                        "2. Then publish the new id " + ready.newId() + ": " + ready.record());
            case Readiness.Blocked blocked -> List.of();
            case Readiness.Enforcing enforcing -> List.of();
        };
    }

    private static List<String> capped(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, MAX_LINES));
        shown.add("… and " + (lines.size() - MAX_LINES) + " more");
        return shown;
    }
}
