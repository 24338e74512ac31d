package dev.mtasts.checks;

import dev.mtasts.checks.policy.Policies;
import dev.mtasts.checks.record.RecordText;
import dev.mtasts.checks.record.TagValueRecords;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.MxAnswer.MxRecord;
import dev.mtasts.spi.TxtAnswer.TxtRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The exact records and lines remediations tell users to publish. */
final class Suggestions {
    /** The TTL suggested for a new {@code _mta-sts} record: short, so that id bumps propagate fast. */
    static final long NEW_RECORD_TTL = 300;

    private static final DateTimeFormatter ID_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private Suggestions() {}

    /** A fresh policy id from the command's time, e.g. {@code 20261128T120000}: letters and digits only. */
    static String newId(Instant now) {
        return ID_FORMAT.format(now);
    }

    /** {@code _mta-sts.example.com. 300 IN TXT "v=STSv1; id=20261128T120000"}. */
    static String stsRecord(String domain, OptionalLong ttl, String id) {
        return TagValueRecords.STS.recordName(domain) + ". " + ttl.orElse(NEW_RECORD_TTL) + " IN TXT \"v=STSv1; id="
                + id + "\"";
    }

    /**
     * The domain's record with a fresh id and its current TTL, for remediations that change the policy ("then publish
     * a new id: ...").
     */
    static String newIdRecord(DomainContext context) {
        return stsRecord(context.domain(), TagValueRecords.STS.analyze(context).ttlSeconds(), newId(context.now()));
    }

    /** {@code _smtp._tls.example.com. 3600 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"}. */
    static String tlsRptRecord(String domain, OptionalLong ttl, String rua) {
        return TagValueRecords.TLSRPT.recordName(domain) + ". " + ttl.orElse(3600) + " IN TXT \"v=TLSRPTv1; rua=" + rua
                + "\"";
    }

    /** The default report address suggested when a domain has none: {@code mailto:tlsrpt@<domain>}. */
    static String defaultRua(String domain) {
        return "mailto:tlsrpt@" + domain;
    }

    /** A starter policy listing the domain's real MX hosts, in testing mode. */
    static String starterPolicy(DomainContext context) {
        return "version: STSv1\nmode: testing\n" + mxLines(context) + "max_age: 604800\n";
    }

    /** One {@code mx:} line per real MX host of the domain, each ending in a line break. */
    static String mxLines(DomainContext context) {
        List<String> hosts = context
                .mx(context.domain())
                .found()
                .filter(answer -> !answer.isNullMx())
                .map(MxAnswer::records)
                .orElse(List.of())
                .stream()
                .map(MxRecord::host)
                .filter(host -> !host.isEmpty())
                .distinct()
                .toList();
        if (hosts.isEmpty()) {
            return "mx: <your MX host>\n";
        }
        StringBuilder lines = new StringBuilder();
        hosts.forEach(host -> lines.append("mx: ").append(host).append('\n'));
        return lines.toString();
    }

    /** Where the policy must be served. */
    static String policyUrl(DomainContext context) {
        return Policies.url(context.domain());
    }

    /** A TXT record as a zone-file line, for evidence. */
    static String zoneLine(String name, TxtRecord record) {
        return RecordText.zoneLine(name, record.ttlSeconds(), record.strings());
    }

    /** TXT records as zone-file lines, one a record, for evidence. */
    static String zoneLines(String name, List<TxtRecord> records) {
        return records.stream().map(record -> zoneLine(name, record)).collect(Collectors.joining("\n"));
    }
}
