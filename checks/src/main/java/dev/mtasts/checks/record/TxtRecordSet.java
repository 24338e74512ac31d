package dev.mtasts.checks.record;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TXT records at one name, sorted the way senders sort them (RFC 8461 §3.1, RFC 8460 §3): records that begin
 * with the version are counted; everything else is discarded. Discarded records that were plainly meant to be
 * records of the dialect ({@code v=stsv1}, {@code v = STSv1}, a leading space, the version not first) are kept
 * apart as look-alikes, because their owner thinks they are published.
 *
 * @param candidates records that begin with the version; senders need exactly one
 * @param lookAlikes records meant as records of the dialect that senders discard, with the reason
 * @param unrelated every other record (site verifications and the like), which senders ignore
 */
public record TxtRecordSet(List<TxtRecord> candidates, List<LookAlike> lookAlikes, List<TxtRecord> unrelated) {
    public TxtRecordSet {
        candidates = List.copyOf(requireNonNull(candidates, "candidates is null"));
        lookAlikes = List.copyOf(requireNonNull(lookAlikes, "lookAlikes is null"));
        unrelated = List.copyOf(requireNonNull(unrelated, "unrelated is null"));
    }

    /** A discarded record that was meant to be a record of the dialect. */
    public record LookAlike(TxtRecord record, String reason) {
        public LookAlike {
            requireNonNull(record, "record is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** The only candidate record, when there is exactly one. */
    public Optional<TxtRecord> only() {
        return candidates.size() == 1 ? Optional.of(candidates.getFirst()) : Optional.empty();
    }

    /** The TTL of the record readers use (or of the records at the name), empty when the name has no TXT. */
    public OptionalLong ttlSeconds() {
        if (!candidates.isEmpty()) {
            return OptionalLong.of(candidates.getFirst().ttlSeconds());
        }
        if (!lookAlikes.isEmpty()) {
            return OptionalLong.of(lookAlikes.getFirst().record().ttlSeconds());
        }
        if (!unrelated.isEmpty()) {
            return OptionalLong.of(unrelated.getFirst().ttlSeconds());
        }
        return OptionalLong.empty();
    }

    public static TxtRecordSet empty() {
        return new TxtRecordSet(List.of(), List.of(), List.of());
    }

    public static TxtRecordSet classify(List<TxtRecord> records, RecordDialect dialect) {
        List<TxtRecord> candidates = new ArrayList<>();
        List<LookAlike> lookAlikes = new ArrayList<>();
        List<TxtRecord> unrelated = new ArrayList<>();
        for (TxtRecord record : records) {
            String text = record.text();
            if (dialect.isCandidate(text)) {
                candidates.add(record);
                continue;
            }
            String reason = lookAlikeReason(text, dialect);
            if (reason.isEmpty()) {
                unrelated.add(record);
            } else {
                lookAlikes.add(new LookAlike(record, reason));
            }
        }
        return new TxtRecordSet(candidates, lookAlikes, unrelated);
    }

    /** Why senders discard a record meant for the dialect, or empty when the record is unrelated. */
    static String lookAlikeReason(String text, RecordDialect dialect) {
        String version = dialect.version();
        Matcher start = Pattern.compile("^([ \\t]*)([vV])([ \\t]*)=([ \\t]*)([A-Za-z0-9]*)(.*)$", Pattern.DOTALL)
                .matcher(text);
        String lowerValue = dialect.lowerVersionValue();
        String versionPrefix = lowerValue.substring(0, lowerValue.length() - 2);
        if (start.matches()) {
            String value = start.group(5);
            String rest = start.group(6);
            if (value.equalsIgnoreCase(dialect.versionValue())) {
                List<String> reasons = new ArrayList<>();
                if (!start.group(1).isEmpty()) {
                    reasons.add("it starts with whitespace");
                }
                if (!start.group(3).isEmpty() || !start.group(4).isEmpty()) {
                    reasons.add("it has whitespace around \"=\"");
                }
                if (!start.group(2).equals("v") || !value.equals(dialect.versionValue())) {
                    reasons.add("\"" + start.group(2) + "=" + value + "\" is not \"" + version
                            + "\" (the version is case-sensitive)");
                }
                if (!rest.isEmpty() && rest.charAt(0) != ';' && rest.charAt(0) != ' ' && rest.charAt(0) != '\t') {
                    reasons.add("the version is followed by \"" + rest.charAt(0) + "\" instead of \";\"");
                }
                return String.join("; ", reasons);
            }
            if (value.toLowerCase(Locale.ROOT).startsWith(versionPrefix)) {
                return "\"" + start.group(2) + "=" + value + "\" is not a known version; the only version is \""
                        + version + "\"";
            }
        }
        Pattern elsewhere = Pattern.compile(
                ";[ \\t]*v[ \\t]*=[ \\t]*" + Pattern.quote(dialect.versionValue()) + "[ \\t]*(;|$)",
                Pattern.CASE_INSENSITIVE);
        if (elsewhere.matcher(text).find()) {
            return "the version is not the first field; the record must begin with \"" + version + ";\"";
        }
        return "";
    }
}
