package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The MX records of a domain. */
public record MxAnswer(String name, List<MxRecord> records, List<String> cnameChain) {
    public MxAnswer {
        requireNonNull(name, "name is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        cnameChain = List.copyOf(requireNonNull(cnameChain, "cnameChain is null"));
    }

    /** A null MX (RFC 7505: a single {@code 0 .}) says the domain accepts no mail. */
    public boolean isNullMx() {
        return records.size() == 1 && records.getFirst().host().isEmpty();
    }

    /**
     * @param host the exchange in lower case without the trailing dot; empty for the root (null MX)
     */
    public record MxRecord(int preference, String host, long ttlSeconds) {
        public MxRecord {
            requireNonNull(host, "host is null");
        }
    }
}
