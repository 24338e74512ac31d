package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TXT records at a name.
 *
 * @param name the name asked for (A-label, no trailing dot)
 * @param records every TXT record, related or not, in answer order
 * @param cnameChain the CNAME targets followed from {@code name}, in order; empty when there was no CNAME
 * @param response the resolver's response to the query for {@code name} as it came (its answer section and the AD
 *     bit), when the engine saw it; empty otherwise (a fake context, a response the engine did not keep)
 */
public record TxtAnswer(String name, List<TxtRecord> records, List<String> cnameChain, Optional<Response> response) {
    public TxtAnswer {
        requireNonNull(name, "name is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        cnameChain = List.copyOf(requireNonNull(cnameChain, "cnameChain is null"));
        requireNonNull(response, "response is null");
    }

    /** An answer without the raw response. */
    public TxtAnswer(String name, List<TxtRecord> records, List<String> cnameChain) {
        this(name, records, cnameChain, Optional.empty());
    }

    /**
     * One TXT record: its character-strings as published, and its TTL.
     *
     * @param strings the character-strings, decoded as ISO-8859-1 so every byte survives for US-ASCII checks
     */
    public record TxtRecord(List<String> strings, long ttlSeconds) {
        public TxtRecord {
            strings = List.copyOf(requireNonNull(strings, "strings is null"));
        }

        /** The record's text: strings concatenated without spaces (RFC 8461 §3.1, RFC 7208 §3.3). */
        public String text() {
            return String.join("", strings);
        }
    }

    /**
     * The resolver's response to the TXT query, as it came: what the lookup's CNAME handling may hide (a CNAME and a
     * TXT record at the same name, RFC 1034 §3.6.2), and whether the resolver validated it with DNSSEC.
     *
     * @param authenticated whether the response carried the AD bit (RFC 4035 §3.2.3): a validating resolver vouches
     *     for it. The engine asks with the AD bit set (RFC 6840 §5.7); a resolver that does not validate never sets it
     * @param answer the answer section's records, in order
     */
    public record Response(boolean authenticated, List<AnswerRecord> answer) {
        public Response {
            answer = List.copyOf(requireNonNull(answer, "answer is null"));
        }

        /** The records of {@code type} owned by {@code owner} (compared without case and trailing dot). */
        public List<AnswerRecord> at(String owner, RecordType type) {
            String wanted = AnswerRecord.normalise(owner);
            return answer.stream()
                    .filter(record -> record.type() == type && record.owner().equals(wanted))
                    .toList();
        }
    }

    /** The record types a TXT answer may hold. */
    public enum RecordType {
        TXT,
        CNAME,
        /** Anything else a server put in the answer section (a DNAME, an RRSIG). */
        OTHER
    }

    /**
     * One record of the answer section.
     *
     * @param owner its owner name (A-label, lower case, no trailing dot)
     * @param type its type
     * @param typeName the type's mnemonic, e.g. {@code RRSIG} for an {@link RecordType#OTHER}
     * @param ttlSeconds its TTL
     * @param data its data in presentation form: the target of a CNAME, the quoted strings of a TXT record
     */
    public record AnswerRecord(String owner, RecordType type, String typeName, long ttlSeconds, String data) {
        public AnswerRecord {
            owner = normalise(requireNonNull(owner, "owner is null"));
            requireNonNull(type, "type is null");
            requireNonNull(typeName, "typeName is null");
            requireNonNull(data, "data is null");
        }

        static String normalise(String name) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        }
    }
}
