package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The TXT records at a name.
 *
 * @param name the name asked for (A-label, no trailing dot)
 * @param records every TXT record, related or not, in answer order
 * @param cnameChain the CNAME targets followed from {@code name}, in order; empty when there was no CNAME
 */
public record TxtAnswer(String name, List<TxtRecord> records, List<String> cnameChain) {
    public TxtAnswer {
        requireNonNull(name, "name is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        cnameChain = List.copyOf(requireNonNull(cnameChain, "cnameChain is null"));
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
}
