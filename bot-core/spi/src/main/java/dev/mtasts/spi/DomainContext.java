package dev.mtasts.spi;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a check may know about one domain in one command. Every lookup is memoised: all checks of a command
 * share one query per name and type, and one fetch. Lookups block the calling (virtual) thread; the engine starts
 * the independent ones in parallel.
 */
public interface DomainContext {
    /** The policy domain as an A-label: lower case, no trailing dot. */
    String domain();

    /** The time this command started; checks use it instead of a clock. */
    Instant now();

    /** TXT records at {@code name}, following CNAMEs. */
    LookupResult<TxtAnswer> txt(String name);

    /** MX records of {@code name}. */
    LookupResult<MxAnswer> mx(String name);

    /** A and AAAA addresses of {@code host}, queried in parallel. */
    LookupResult<AddressAnswer> addresses(String host);

    /** The policy file {@code https://mta-sts.{domain}/.well-known/mta-sts.txt}, fetched once through the guard. */
    LookupResult<HttpsResponse> policyFile();

    /**
     * An {@code https:} TLS-RPT report endpoint named by the domain's records (a {@code rua=https://...} URI, RFC 8460
     * §3), fetched once per command with a GET through the address guard, with the policy fetch's timeouts and body
     * cap. Reporters POST to it; any HTTP status shows it is reachable, and {@link HttpsResponse#tls()} holds the
     * certificate verdict. Empty when this context does not fetch report endpoints.
     */
    default Optional<LookupResult<HttpsResponse>> reportEndpoint(URI uri) {
        return Optional.empty();
    }

    /**
     * This bot as a TLS-RPT report destination: its own report URIs and when the latest report about this domain
     * arrived. Empty when the bot receives no reports (no report store, or no report address configured).
     */
    default Optional<ReportReceiver> reportReceiver() {
        return Optional.empty();
    }

    /**
     * An SMTP probe of the MX host {@code host} on port 25 (STARTTLS and its certificate), made through the address
     * guard. Probes may be shared by every domain of a bulk run that has the same MX host.
     *
     * <p>{@link LookupResult.Found} once a connection was made (see {@link SmtpProbe#outcome()}). Otherwise: the
     * address lookup's own result when {@code host} could not be resolved (use {@link #addresses(String)} to tell a
     * DNS timeout from a connection timeout), {@code ADDRESS_REFUSED} when the guard refused every address,
     * {@code TIMEOUT} when no connection could be made in time (often outbound port 25 is blocked where the bot
     * runs), {@code CONNECTION_REFUSED}, or {@code CONNECTION_FAILED}.
     */
    default LookupResult<SmtpProbe> smtp(String host) {
        return LookupResult.failed(LookupResult.FailureKind.CONNECTION_FAILED, "this context does not probe SMTP");
    }

    /**
     * A probe of each address of the MX host {@code host} (up to the engine's per-host address limit), each made
     * through the address guard with SNI set to {@code host}. Empty when this context probes whole hosts only
     * ({@link #smtp(String)}) or when the host's addresses could not be looked up.
     */
    default Optional<SmtpAddressProbes> smtpAddresses(String host) {
        return Optional.empty();
    }

    /**
     * How many MX hosts of one domain, in preference order (then by name), the engine looks up addresses for; checks
     * examine no more and say how many they left out. Unlimited unless the engine caps it.
     */
    default int mxLookupLimit() {
        return Integer.MAX_VALUE;
    }

    /**
     * How many MX hosts of one domain the engine probes ({@link #smtp(String)}); checks report the others without
     * probing them. Zero when the operator turned MX probing off.
     */
    default int smtpProbeLimit() {
        return 0;
    }

    /**
     * What earlier checks of this domain saw, newest first, loaded once per command. Empty when the domain was never
     * checked before or when no history store is configured. The current check is not in it: the engine records it
     * after the report is complete.
     */
    default List<Observation> history() {
        return List.of();
    }

    /** A value derived from this context, computed once per command however many checks ask. */
    <T> T memo(MemoKey<T> key, Function<DomainContext, T> compute);
}
