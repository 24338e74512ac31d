package dev.mtasts.tlsrpt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.core.chat.Readiness;
import dev.mtasts.core.chat.TlsRptSummary;

/**
 * The summary as JSON, for pipelines and tests:
 *
 * <pre>{@code
 * {"domain", "from", "to", "reports", "organizations": [...], "sessions": {"successful", "failed"},
 *  "failures": [{"resultType", "count"}], "byMx": [{"mx", "successful", "failed"}],
 *  "enforceReadiness": {"ready", "reasons": [...], "policyChange", "newId", "record"}}
 * }</pre>
 *
 * {@code policyChange}, {@code newId} and {@code record} are there only when a {@code testing} domain is ready: the
 * change to the policy file, then the {@code id} to publish and its TXT record.
 *
 * Dates are ISO days (UTC); {@code failures} are sorted by count, highest first. Strings from reports are JSON-escaped
 * like any other, and otherwise verbatim: a consumer that renders them as HTML must escape them.
 */
public final class TlsRptSummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TlsRptSummaryJson() {}

    public static ObjectNode toJson(TlsRptSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("domain", summary.domain());
        root.put("from", summary.from().toString());
        root.put("to", summary.to().toString());
        root.put("reports", summary.reports());
        ArrayNode organizations = root.putArray("organizations");
        summary.organizations().forEach(organizations::add);
        ObjectNode sessions = root.putObject("sessions");
        sessions.put("successful", summary.successful());
        sessions.put("failed", summary.failed());
        ArrayNode failures = root.putArray("failures");
        for (TlsRptSummary.ResultTypeCount failure : summary.failures()) {
            failures.addObject().put("resultType", failure.resultType()).put("count", failure.count());
        }
        ArrayNode byMx = root.putArray("byMx");
        for (TlsRptSummary.MxCount mx : summary.byMx()) {
            byMx.addObject()
                    .put("mx", mx.mx())
                    .put("successful", mx.successful())
                    .put("failed", mx.failed());
        }
        ObjectNode readiness = root.putObject("enforceReadiness");
        readiness.put("ready", summary.readiness().ready());
        ArrayNode reasons = readiness.putArray("reasons");
        summary.readiness().reasons().forEach(reasons::add);
        if (summary.readiness() instanceof Readiness.Ready ready) {
            readiness.put("policyChange", ready.policyChange());
            readiness.put("newId", ready.newId());
            readiness.put("record", ready.record());
        }
        return root;
    }

    public static String toPrettyString(TlsRptSummary summary) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary as JSON", e);
        }
    }
}
