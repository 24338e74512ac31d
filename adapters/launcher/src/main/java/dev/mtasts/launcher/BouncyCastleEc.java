package dev.mtasts.launcher;

import java.io.Serial;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.jcajce.provider.asymmetric.ec.KeyAgreementSpi;
import org.bouncycastle.jcajce.provider.asymmetric.ec.KeyFactorySpi;
import org.bouncycastle.jcajce.provider.asymmetric.ec.KeyPairGeneratorSpi;
import org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi;

/**
 * BouncyCastle's elliptic-curve signatures (ECDSA), key agreements (ECDH and X25519), key factory and key-pair
 * generators, ahead of the JDK's SunEC for every TLS handshake and certificate-chain validation in this process;
 * everything else (ciphers, digests, RSA, X448) stays with the JDK's providers.
 *
 * <p>A policy fetch from a host with an ECDSA certificate verifies two ECDSA signatures (the certificate's and the
 * server's key exchange), and most fetches agree an ECDH secret, once per domain: no two domains share a certificate.
 * The JDK's P-256 arithmetic leans on {@code Math.multiplyHigh}, which only the C2 compiler turns into one instruction;
 * under the C1 compiler that every command but {@code serve} runs with, one verification took 2.2 ms against
 * BouncyCastle's 0.27 ms (0.6 ms against 0.25 ms under C2), and elliptic-curve arithmetic was 42 % of the CPU of a bulk
 * check of the benchmark's hosts (ECDSA P-256 certificates). The key-pair generator is here for the same reason: the
 * JDK's TLS client offers a secp256r1 key share beside the x25519 one in every TLS 1.3 hello, and generating it took 5 %
 * of a bulk check's CPU under C1. X25519, the group most servers choose, runs on BouncyCastle's arithmetic behind the
 * JDK's key classes ({@link X25519OnBouncyCastle}): BouncyCastle's own XDH provider failed the JDK's TLS 1.3 handshake,
 * and the JDK's X25519 key pairs and agreements were 12 % of a bulk check's CPU under C1. Only the algorithms named
 * here are taken from BouncyCastle, so its pure-Java ciphers and digests never replace the JDK's intrinsic ones.
 *
 * <p>Installed by a bulk {@code check} only. One-shot commands keep the JDK's: BouncyCastle's jar is signed, and the
 * JDK verifies that signature (~0.2 s) at the first class loaded from it, and leaves its classes out of the start-up
 * archive; a single check's two verifications save less than that. {@code serve} runs the C2 compiler, under which the
 * JDK's curves are fast enough for chat's pace, and it also carries the chat platforms' own TLS connections: the
 * process-wide provider order stays the JDK's there.
 */
final class BouncyCastleEc extends Provider {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String NAME = "MtastsBouncyCastleEc";

    private BouncyCastleEc() {
        super(NAME, "1", "BouncyCastle ECDSA, ECDH, X25519, EC keys and key pairs for TLS and certificate paths");
        service("Signature", "SHA256withECDSA", SignatureSpi.ecDSA256.class);
        service("Signature", "SHA384withECDSA", SignatureSpi.ecDSA384.class);
        service("Signature", "SHA512withECDSA", SignatureSpi.ecDSA512.class);
        service("KeyAgreement", "ECDH", KeyAgreementSpi.DH.class);
        service("KeyFactory", "EC", KeyFactorySpi.EC.class);
        service("KeyPairGenerator", "EC", NamedCurveKeyPairs.class);
        service("KeyPairGenerator", "XDH", X25519OnBouncyCastle.KeyPairs.class);
        service("KeyPairGenerator", "X25519", X25519OnBouncyCastle.KeyPairs.class);
        service("KeyAgreement", "XDH", X25519OnBouncyCastle.Agreement.class);
        service("KeyAgreement", "X25519", X25519OnBouncyCastle.Agreement.class);
    }

    /**
     * BouncyCastle's EC key-pair generator, initialised by curve name when given the JDK's parameters of a named curve.
     * The JDK's TLS client passes the curve as parameters, from which BouncyCastle would build a new curve, and
     * precompute its generator's multiples again, for every key pair; by name it takes its own curve, built and
     * precomputed once.
     */
    public static final class NamedCurveKeyPairs extends KeyPairGeneratorSpi.EC {
        private static final Map<String, ECParameterSpec> CURVES = namedCurves("secp256r1", "secp384r1", "secp521r1");

        @Override
        public void initialize(AlgorithmParameterSpec parameters, SecureRandom random)
                throws InvalidAlgorithmParameterException {
            super.initialize(byName(parameters), random);
        }

        private static AlgorithmParameterSpec byName(AlgorithmParameterSpec parameters) {
            if (parameters instanceof ECParameterSpec given) {
                for (Map.Entry<String, ECParameterSpec> curve : CURVES.entrySet()) {
                    if (same(curve.getValue(), given)) {
                        return new ECGenParameterSpec(curve.getKey());
                    }
                }
            }
            return parameters;
        }

        private static boolean same(ECParameterSpec one, ECParameterSpec other) {
            return one.getCurve().equals(other.getCurve())
                    && one.getGenerator().equals(other.getGenerator())
                    && one.getOrder().equals(other.getOrder())
                    && one.getCofactor() == other.getCofactor();
        }

        private static Map<String, ECParameterSpec> namedCurves(String... names) {
            Map<String, ECParameterSpec> curves = new LinkedHashMap<>();
            for (String name : names) {
                try {
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC", "SunEC");
                    parameters.init(new ECGenParameterSpec(name));
                    curves.put(name, parameters.getParameterSpec(ECParameterSpec.class));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("the JDK has no " + name, e);
                }
            }
            return Map.copyOf(curves);
        }
    }

    private void service(String type, String algorithm, Class<?> implementation) {
        putService(new Service(this, type, algorithm, implementation.getName(), null, null));
    }

    /** Puts the provider first in this process's list, once; later calls do nothing. */
    static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new BouncyCastleEc(), 1);
        }
    }
}
