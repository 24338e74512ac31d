package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mtasts.spi.AddressAnswer;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.SenderView;
import dev.mtasts.spi.TxtAnswer;
import dev.mtasts.testing.FakeDomainContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

final class TestMtaStsCheckPlugin {
    private static final String KEBAB = "[a-z0-9]+(-[a-z0-9]+)*";

    @Test
    void serviceLoaderFindsExactlyThisPlugin() {
        List<CheckPlugin> plugins = ServiceLoader.load(CheckPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();

        assertThat(plugins).singleElement().isInstanceOf(MtaStsCheckPlugin.class);
        assertThat(plugins.getFirst().name()).isEqualTo("mta-sts").matches(KEBAB);
    }

    @Test
    void checksComeInReportOrderWithUniqueKebabCaseIds() {
        List<Check> checks = new MtaStsCheckPlugin().checks();

        assertThat(checks)
                .extracting(Check::id)
                .containsExactly(
                        "dns-record", "policy-fetch", "policy-syntax", "id-sync", "mx-sync", "tls-rpt", "mx-tls")
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches(KEBAB));
        assertThat(checks).allSatisfy(check -> assertThat(check.title()).isNotBlank());
    }

    @Test
    void everyCheckRunsAgainstAnAllNxdomainContext() {
        FakeDomainContext context = FakeDomainContext.builder("example.com").build();

        for (Check check : new MtaStsCheckPlugin().checks()) {
            assertThatCode(() -> check.run(context)).as(check.id()).doesNotThrowAnyException();
        }
        assertThat(new DnsRecordCheck().run(context))
                .isInstanceOfSatisfying(CheckResult.Completed.class, completed -> assertThat(completed.findings())
                        .extracting(Finding::code)
                        .contains("sts-record-missing"));
    }

    @ParameterizedTest(name = "every lookup fails with {0}")
    @EnumSource(FailureKind.class)
    void everyCheckSurvivesFailedLookups(FailureKind kind) {
        DomainContext context = new FailingContext(kind);

        for (Check check : new MtaStsCheckPlugin().checks()) {
            assertThatCode(() -> check.run(context)).as(check.id()).doesNotThrowAnyException();
        }
        assertThatCode(() -> new MtaStsSenderAnalyzer().analyze(context)).doesNotThrowAnyException();
    }

    @Test
    void senderAnalyzerIsProvided() {
        SenderView view = new MtaStsCheckPlugin()
                .senderAnalyzer()
                .orElseThrow()
                .analyze(FakeDomainContext.builder("example.com").build());

        assertThat(view.outcome()).isEqualTo(SenderView.Outcome.NONE);
    }

    static Stream<Supplier<FakeDomainContext.Builder>> scenarios() {
        Stream<Supplier<FakeDomainContext.Builder>> traps =
                TestTraps.traps().map(arguments -> castSupplier(arguments.get()[1]));
        return Stream.concat(Stream.of(Fixtures::healthy, () -> FakeDomainContext.builder("example.com")), traps);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyFindingIsACatalogueCodeOfItsCheck(Supplier<FakeDomainContext.Builder> scenario) {
        FakeDomainContext context = scenario.get().build();

        for (Check check : new MtaStsCheckPlugin().checks()) {
            for (Finding finding : Fixtures.findings(check, context)) {
                assertThat(FindingCode.forCode(finding.code()))
                        .as(finding.code())
                        .hasValueSatisfying(code -> {
                            assertThat(code.check()).isEqualTo(check.id());
                            assertThat(code.severities()).contains(finding.severity());
                        });
                assertThat(finding.message()).doesNotContain("null");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Supplier<FakeDomainContext.Builder> castSupplier(Object supplier) {
        return (Supplier<FakeDomainContext.Builder>) supplier;
    }

    /** Every lookup fails with one kind: the worst day of a resolver. */
    private static final class FailingContext implements DomainContext {
        private final FailureKind kind;
        private final Map<MemoKey<?>, Object> memo = new ConcurrentHashMap<>();

        FailingContext(FailureKind kind) {
            this.kind = kind;
        }

        @Override
        public String domain() {
            return "example.com";
        }

        @Override
        public Instant now() {
            return Instant.parse("2026-11-28T12:00:00Z");
        }

        @Override
        public LookupResult<TxtAnswer> txt(String name) {
            return LookupResult.failed(kind, name + ": " + kind);
        }

        @Override
        public LookupResult<MxAnswer> mx(String name) {
            return LookupResult.failed(kind, name + ": " + kind);
        }

        @Override
        public LookupResult<AddressAnswer> addresses(String host) {
            return LookupResult.failed(kind, host + ": " + kind);
        }

        @Override
        public LookupResult<HttpsResponse> policyFile() {
            return LookupResult.failed(kind, "fetch: " + kind);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T memo(MemoKey<T> key, Function<DomainContext, T> compute) {
            Object value = memo.get(key);
            if (value == null) {
                value = compute.apply(this);
                memo.put(key, value);
            }
            return (T) value;
        }
    }
}
