package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The storage form of {@link DomainState}s and {@link Notification}s (with their whole report): versioned JSON that
 * reads back to equal values. Internal to the stores; not a public contract like {@code ReportJson}.
 */
public final class SubscriptionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

    private SubscriptionJson() {}

    public static String write(DomainState state) {
        return text(state(requireNonNull(state, "state is null")));
    }

    public static DomainState readState(String json) {
        return parse(json, SubscriptionJson::state);
    }

    public static String write(Notification notification) {
        requireNonNull(notification, "notification is null");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("domain", notification.domain());
        ArrayNode changes = root.putArray("changes");
        for (Change change : notification.changes()) {
            ObjectNode node = changes.addObject();
            node.put("kind", change.kind().name());
            node.put("level", change.level().name());
            change.subject().ifPresent(subject -> node.put("subject", subject));
            node.put("before", change.before());
            node.put("after", change.after());
            change.detail().ifPresent(detail -> node.put("detail", detail));
        }
        root.set("report", report(notification.report()));
        return text(root);
    }

    public static Notification readNotification(String json) {
        return parse(json, root -> {
            List<Change> changes = new ArrayList<>();
            for (JsonNode node : array(root, "changes")) {
                changes.add(new Change(
                        Change.Kind.valueOf(string(node, "kind")),
                        Change.Level.valueOf(string(node, "level")),
                        optionalString(node, "subject"),
                        string(node, "before"),
                        string(node, "after"),
                        optionalString(node, "detail")));
            }
            return new Notification(string(root, "domain"), changes, report(required(root, "report")));
        });
    }

    private static ObjectNode state(DomainState state) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("checkedAt", state.checkedAt().toString());
        root.put("status", state.status().name());
        state.recordId().ifPresent(id -> root.put("recordId", id));
        state.mode().ifPresent(mode -> root.put("mode", mode));
        state.maxAge().ifPresent(maxAge -> root.put("maxAge", maxAge));
        strings(root.putArray("policyMx"), state.policyMx());
        state.policySha256().ifPresent(hash -> root.put("policySha256", hash));
        state.observed().ifPresent(observed -> {
            ObjectNode node = root.putObject("observed");
            strings(node.putArray("mxHosts"), observed.mxHosts());
            ArrayNode certificates = node.putArray("certificates");
            for (DomainState.Certificate certificate : observed.certificates()) {
                certificates
                        .addObject()
                        .put("host", certificate.host())
                        .put("notAfter", certificate.notAfter().toString());
            }
        });
        root.put("tlsRpt", state.tlsRpt().name());
        ArrayNode findings = root.putArray("findings");
        for (DomainState.FindingState finding : state.findings()) {
            ObjectNode item = findings.addObject()
                    .put("code", finding.code())
                    .put("check", finding.check())
                    .put("severity", finding.severity().name())
                    .put("message", finding.message());
            if (!finding.expiringCertificates().isEmpty()) {
                ArrayNode hosts = item.putArray("expiringCertificates");
                finding.expiringCertificates().forEach(hosts::add);
            }
        }
        strings(root.putArray("inconclusiveChecks"), state.inconclusiveChecks());
        ArrayNode reminders = root.putArray("reminders");
        for (DomainState.Reminder reminder : state.reminders()) {
            ObjectNode node = reminders.addObject().put("subject", reminder.subject());
            reminder.notAfter().ifPresent(notAfter -> node.put("notAfter", notAfter.toString()));
            node.put("remindedAt", reminder.remindedAt().toString());
        }
        return root;
    }

    private static DomainState state(JsonNode root) {
        Optional<DomainState.Observed> observed = Optional.ofNullable(root.get("observed"))
                .filter(node -> !node.isNull())
                .map(node -> {
                    List<DomainState.Certificate> certificates = new ArrayList<>();
                    for (JsonNode certificate : array(node, "certificates")) {
                        certificates.add(new DomainState.Certificate(
                                string(certificate, "host"), instant(certificate, "notAfter")));
                    }
                    return new DomainState.Observed(strings(node, "mxHosts"), certificates);
                });
        List<DomainState.FindingState> findings = new ArrayList<>();
        for (JsonNode finding : array(root, "findings")) {
            findings.add(new DomainState.FindingState(
                    string(finding, "code"),
                    string(finding, "check"),
                    Severity.valueOf(string(finding, "severity")),
                    string(finding, "message"),
                    strings(finding, "expiringCertificates")));
        }
        List<DomainState.Reminder> reminders = new ArrayList<>();
        for (JsonNode reminder : array(root, "reminders")) {
            reminders.add(new DomainState.Reminder(
                    string(reminder, "subject"),
                    optionalString(reminder, "notAfter").map(Instant::parse),
                    instant(reminder, "remindedAt")));
        }
        return new DomainState(
                instant(root, "checkedAt"),
                Severity.valueOf(string(root, "status")),
                optionalString(root, "recordId"),
                optionalString(root, "mode"),
                Optional.ofNullable(root.get("maxAge"))
                        .filter(JsonNode::isNumber)
                        .map(JsonNode::asLong),
                strings(root, "policyMx"),
                optionalString(root, "policySha256"),
                observed,
                DomainState.TlsRpt.valueOf(string(root, "tlsRpt")),
                findings,
                strings(root, "inconclusiveChecks"),
                reminders);
    }

    private static ObjectNode report(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("domain", report.domain());
        root.put("input", report.input());
        root.put("checkedAt", report.checkedAt().toString());
        root.put("duration", report.duration().toString());
        report.sender().ifPresent(sender -> {
            ObjectNode node = root.putObject("sender");
            node.put("outcome", sender.outcome().name());
            node.put("explanation", sender.explanation());
            sender.recordId().ifPresent(id -> node.put("recordId", id));
            sender.policy().ifPresent(policy -> {
                ObjectNode policyNode = node.putObject("policy");
                policyNode.put("id", policy.id());
                policyNode.put("mode", policy.mode());
                policyNode.put("maxAge", policy.maxAge());
                strings(policyNode.putArray("mx"), policy.mx());
            });
        });
        report.policyBody().ifPresent(body -> root.put("policyBody", body));
        ArrayNode checks = root.putArray("checks");
        for (CheckReport check : report.checks()) {
            ObjectNode node = checks.addObject();
            node.put("id", check.id());
            node.put("title", check.title());
            node.put("status", check.status().name());
            node.put("duration", check.duration().toString());
            check.skipReason().ifPresent(reason -> node.put("skipReason", reason));
            ArrayNode facts = node.putArray("facts");
            for (Fact fact : check.facts()) {
                switch (fact) {
                    case Fact.TlsRptRecord record ->
                        facts.addObject()
                                .put("tlsRptRecord", record.publication().name());
                    case Fact.CertificateExpiring expiring -> {
                        ObjectNode item = facts.addObject().put("certificateExpiring", expiring.findingCode());
                        strings(item.putArray("hosts"), expiring.hosts());
                    }
                }
            }
            ArrayNode findings = node.putArray("findings");
            for (Finding finding : check.findings()) {
                ObjectNode item = findings.addObject();
                item.put("code", finding.code());
                item.put("severity", finding.severity().name());
                item.put("message", finding.message());
                item.put("evidence", finding.evidence());
                finding.remediation().ifPresent(remediation -> {
                    ObjectNode remediationNode = item.putObject("remediation");
                    remediationNode.put("action", remediation.action());
                    FixTime fixTime = remediation.fixTime();
                    remediationNode.put("work", fixTime.work().toString());
                    remediationNode.put("waiting", fixTime.waiting().toString());
                    remediationNode.put("text", fixTime.text());
                });
            }
        }
        return root;
    }

    private static Report report(JsonNode root) {
        Optional<SenderView> sender = Optional.ofNullable(root.get("sender"))
                .filter(node -> !node.isNull())
                .map(node -> {
                    Optional<SenderView.Policy> policy = Optional.ofNullable(node.get("policy"))
                            .filter(policyNode -> !policyNode.isNull())
                            .map(policyNode -> new SenderView.Policy(
                                    string(policyNode, "id"),
                                    string(policyNode, "mode"),
                                    required(policyNode, "maxAge").asLong(),
                                    strings(policyNode, "mx")));
                    return new SenderView(
                            SenderView.Outcome.valueOf(string(node, "outcome")),
                            string(node, "explanation"),
                            policy,
                            optionalString(node, "recordId"));
                });
        List<CheckReport> checks = new ArrayList<>();
        for (JsonNode node : array(root, "checks")) {
            List<Finding> findings = new ArrayList<>();
            for (JsonNode item : array(node, "findings")) {
                Optional<Remediation> remediation = Optional.ofNullable(item.get("remediation"))
                        .filter(remediationNode -> !remediationNode.isNull())
                        .map(remediationNode -> new Remediation(
                                string(remediationNode, "action"),
                                new FixTime(
                                        Duration.parse(string(remediationNode, "work")),
                                        Duration.parse(string(remediationNode, "waiting")),
                                        string(remediationNode, "text"))));
                findings.add(new Finding(
                        string(item, "code"),
                        Severity.valueOf(string(item, "severity")),
                        string(item, "message"),
                        string(item, "evidence"),
                        remediation));
            }
            List<Fact> facts = new ArrayList<>();
            for (JsonNode fact : array(node, "facts")) {
                if (fact.hasNonNull("certificateExpiring")) {
                    facts.add(
                            new Fact.CertificateExpiring(string(fact, "certificateExpiring"), strings(fact, "hosts")));
                }
                if (fact.hasNonNull("tlsRptRecord")) {
                    facts.add(
                            new Fact.TlsRptRecord(Fact.TlsRptRecord.Publication.valueOf(string(fact, "tlsRptRecord"))));
                }
            }
            checks.add(new CheckReport(
                    string(node, "id"),
                    string(node, "title"),
                    CheckStatus.valueOf(string(node, "status")),
                    Duration.parse(string(node, "duration")),
                    findings,
                    optionalString(node, "skipReason"),
                    facts));
        }
        return new Report(
                string(root, "domain"),
                string(root, "input"),
                instant(root, "checkedAt"),
                Duration.parse(string(root, "duration")),
                sender,
                checks,
                optionalString(root, "policyBody"));
    }

    private static <T> T parse(String json, Function<JsonNode, T> reader) {
        requireNonNull(json, "json is null");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SubscriptionStoreException("stored subscription data is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SubscriptionStoreException("stored subscription data is not a JSON object");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new SubscriptionStoreException("stored subscription data has version " + version + ", not " + VERSION
                    + "; was it written by a newer mtasts?");
        }
        try {
            return reader.apply(root);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SubscriptionStoreException("stored subscription data is malformed: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise subscription data", e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is not a string");
        }
        return value.asText();
    }

    private static Optional<String> optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(string(node, field));
    }

    private static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("field " + field + " is not an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(node, field)) {
            values.add(value.asText());
        }
        return values;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
