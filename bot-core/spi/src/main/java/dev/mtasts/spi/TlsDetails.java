package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A completed TLS handshake and the verdict on its certificate. The engine completes the handshake whatever the
 * certificate, so checks can report every problem at once; {@link #trust()} and {@link #nameMatches()} say what a
 * validating sender would decide.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param chain the presented chain, leaf first
 * @param trust the PKIX verdict against the JDK trust store plus any operator CA file
 * @param trustDetail why the chain is not trusted, empty when it is
 * @param nameMatches whether a SAN DNS-ID matches the host name asked for (RFC 6125; CN is ignored)
 */
public record TlsDetails(
        String protocol,
        String cipherSuite,
        List<CertificateInfo> chain,
        Trust trust,
        String trustDetail,
        boolean nameMatches) {
    public TlsDetails {
        requireNonNull(protocol, "protocol is null");
        requireNonNull(cipherSuite, "cipherSuite is null");
        chain = List.copyOf(requireNonNull(chain, "chain is null"));
        requireNonNull(trust, "trust is null");
        requireNonNull(trustDetail, "trustDetail is null");
    }

    public enum Trust {
        TRUSTED,
        UNTRUSTED,
        EXPIRED,
        NOT_YET_VALID
    }

    public CertificateInfo leaf() {
        return chain.getFirst();
    }
}
