package dev.mtasts.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import java.time.format.DateTimeFormatter;

/** The JSON contract of {@code mtasts check --json}, documented in the README. Field order is part of it. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {}

    public static ObjectNode toJson(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("domain", report.domain());
        root.put("input", report.input());
        root.put("status", report.status().label());
        root.put("checkedAt", DateTimeFormatter.ISO_INSTANT.format(report.checkedAt()));
        root.put("durationMs", report.duration().toMillis());
        report.sender().ifPresent(sender -> {
            ObjectNode node = root.putObject("sender");
            node.put("outcome", sender.outcome().label());
            node.put("explanation", sender.explanation());
        });
        report.sender().flatMap(SenderView::policy).ifPresent(policy -> {
            ObjectNode node = root.putObject("policy");
            node.put("id", policy.id());
            node.put("mode", policy.mode());
            node.put("maxAge", policy.maxAge());
            ArrayNode mx = node.putArray("mx");
            policy.mx().forEach(mx::add);
        });
        ArrayNode checks = root.putArray("checks");
        for (CheckReport check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("status", check.status().label());
            node.put("durationMs", check.duration().toMillis());
            check.skipReason().ifPresent(reason -> node.put("skipReason", reason));
            ArrayNode findings = node.putArray("findings");
            for (Finding finding : check.findings()) {
                ObjectNode item = findings.addObject();
                item.put("code", finding.code());
                item.put("severity", finding.severity().label());
                item.put("message", finding.message());
                item.put("evidence", finding.evidence());
                if (finding.remediation().isPresent()) {
                    item.put("remediation", finding.remediation().get().action());
                    item.put("fixTime", finding.remediation().get().fixTime().text());
                } else {
                    item.putNull("remediation");
                    item.putNull("fixTime");
                }
            }
        }
        report.totalFixTime()
                .ifPresentOrElse(total -> root.put("totalFixTime", total.text()), () -> root.putNull("totalFixTime"));
        return root;
    }

    /** One line of JSON (for JSON Lines and single objects alike). */
    public static String toLine(Report report) {
        try {
            return MAPPER.writeValueAsString(toJson(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a report", e);
        }
    }

    public static String toPrettyString(Report report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a report", e);
        }
    }
}
