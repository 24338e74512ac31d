package dev.mtasts.checks;

import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.SenderAnalyzer;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mta-sts} plugin: MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) checks, found by {@link
 * java.util.ServiceLoader} through {@code META-INF/services/dev.mtasts.spi.CheckPlugin}.
 */
public final class MtaStsCheckPlugin implements CheckPlugin {
    public static final String NAME = "mta-sts";

    private final List<Check> checks = List.of(
            new DnsRecordCheck(),
            new PolicyFetchCheck(),
            new PolicySyntaxCheck(),
            new IdSyncCheck(),
            new MxSyncCheck(),
            new TlsRptCheck(),
            new MxTlsCheck());

    /** ServiceLoader needs a public no-argument constructor. */
    public MtaStsCheckPlugin() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Check> checks() {
        return checks;
    }

    @Override
    public Optional<SenderAnalyzer> senderAnalyzer() {
        return Optional.of(new MtaStsSenderAnalyzer());
    }
}
