package dev.mtasts.launcher;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.XECKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Locale;
import java.util.Set;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;
import org.jspecify.annotations.Nullable;

/**
 * X25519 (RFC 7748) key pairs and key agreement on BouncyCastle's arithmetic, with the JDK's own key classes, so the
 * JDK's TLS client (which casts to its {@link XECPublicKey} and rebuilds peer keys with SunEC's key factory) sees
 * nothing new. Under the C1 compiler a key pair and an agreement took 0.35 ms with the JDK's field arithmetic against
 * 0.14 ms here; a TLS 1.3 handshake over x25519 does one of each, and a TLS 1.2 one (nginx before 1.23.4 serves only
 * TLS 1.2 unless told otherwise) two key pairs (the unused TLS 1.3 share and its own) and an agreement.
 *
 * <p>Only X25519 is taken: X448 parameters and keys are refused here, and the JDK's provider framework then hands the
 * call to SunEC (key-pair generators and key agreements fail over to the next provider when initialisation fails).
 * The agreement computes exactly what SunEC's does: the peer's u-coordinate as the JDK's key holds it (reduced modulo
 * 2^255 - 19), the scalar clamped as RFC 7748 says, and an all-zero secret (a small-order point) refused.
 */
final class X25519OnBouncyCastle {
    private static final String X25519_NAME = "X25519";
    private static final int LENGTH = X25519.POINT_SIZE;
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final Set<String> SECRET_ALGORITHMS = Set.of("tlspremastersecret", "generic");

    private X25519OnBouncyCastle() {}

    /** Key pairs for X25519 only: 255 bits, or the parameters named X25519 (any case, as TLS names its groups). */
    public static final class KeyPairs extends KeyPairGeneratorSpi {
        private @Nullable SecureRandom random;

        @Override
        public void initialize(int keySize, @Nullable SecureRandom random) {
            if (keySize != 255) {
                throw new InvalidParameterException("only X25519 (255 bits) is offered here");
            }
            this.random = random;
        }

        @Override
        public void initialize(@Nullable AlgorithmParameterSpec parameters, @Nullable SecureRandom random)
                throws InvalidAlgorithmParameterException {
            if (!isX25519(parameters)) {
                throw new InvalidAlgorithmParameterException("only X25519 is offered here");
            }
            this.random = random;
        }

        @Override
        public KeyPair generateKeyPair() {
            byte[] scalar = new byte[LENGTH];
            (random == null ? Jdk.RANDOM : random).nextBytes(scalar);
            byte[] u = new byte[LENGTH];
            X25519.generatePublicKey(scalar, 0, u, 0);
            try {
                KeyFactory keys = KeyFactory.getInstance("XDH", Jdk.SUN_EC);
                return new KeyPair(
                        keys.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, fromLittleEndian(u))),
                        keys.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar)));
            } catch (GeneralSecurityException e) {
                throw new ProviderException("SunEC cannot hold an X25519 key", e);
            } finally {
                Arrays.clear(scalar);
            }
        }
    }

    /** Two-party X25519 agreement over the JDK's (or any) {@link XECPrivateKey} and {@link XECPublicKey}. */
    public static final class Agreement extends KeyAgreementSpi {
        private byte @Nullable [] scalar;
        private byte @Nullable [] secret;

        @Override
        protected void engineInit(Key key, @Nullable SecureRandom random) throws InvalidKeyException {
            if (!(key instanceof XECPrivateKey privateKey) || !isX25519(privateKey)) {
                throw new InvalidKeyException("only X25519 private keys are taken here");
            }
            this.scalar = privateKey
                    .getScalar()
                    .filter(bytes -> bytes.length == LENGTH)
                    .orElseThrow(() -> new InvalidKeyException("the X25519 private key has no 32-byte scalar"));
            this.secret = null;
        }

        @Override
        protected void engineInit(Key key, @Nullable AlgorithmParameterSpec parameters, @Nullable SecureRandom random)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            if (parameters != null) {
                throw new InvalidAlgorithmParameterException("X25519 agreement takes no parameters");
            }
            engineInit(key, random);
        }

        @Override
        protected @Nullable Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
            byte[] own = scalar;
            if (own == null) {
                throw new IllegalStateException("Not initialized");
            }
            if (secret != null) {
                throw new IllegalStateException("Phase already executed");
            }
            if (!lastPhase) {
                throw new IllegalStateException("Only two party agreement supported, lastPhase must be true");
            }
            if (!(key instanceof XECPublicKey publicKey) || !isX25519(publicKey)) {
                throw new InvalidKeyException("Public key parameters are not compatible with private key.");
            }
            byte[] u = toLittleEndian(publicKey.getU().mod(P));
            byte[] computed = new byte[LENGTH];
            if (!X25519.calculateAgreement(own, 0, u, 0, computed, 0)) {
                throw new InvalidKeyException("Point has small order");
            }
            this.secret = computed;
            return null;
        }

        @Override
        protected byte[] engineGenerateSecret() {
            byte[] result = secret;
            if (result == null) {
                throw new IllegalStateException("Not initialized correctly");
            }
            secret = null;
            return result;
        }

        @Override
        protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
            byte[] result = secret;
            if (result == null) {
                throw new IllegalStateException("Not initialized correctly");
            }
            if (result.length > sharedSecret.length - offset) {
                throw new ShortBufferException(
                        "Need " + result.length + " bytes, only " + (sharedSecret.length - offset) + " available");
            }
            System.arraycopy(result, 0, sharedSecret, offset, result.length);
            secret = null;
            return result.length;
        }

        @Override
        protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
            if (algorithm == null || !SECRET_ALGORITHMS.contains(algorithm.toLowerCase(Locale.ROOT))) {
                throw new NoSuchAlgorithmException("Unsupported secret key algorithm: " + algorithm);
            }
            return new SecretKeySpec(engineGenerateSecret(), algorithm);
        }
    }

    private static boolean isX25519(XECKey key) {
        return isX25519(key.getParams());
    }

    private static boolean isX25519(@Nullable AlgorithmParameterSpec parameters) {
        return parameters instanceof NamedParameterSpec named && named.getName().equalsIgnoreCase(X25519_NAME);
    }

    /** {@code value} (below 2^256) as 32 little-endian bytes. */
    static byte[] toLittleEndian(BigInteger value) {
        return Arrays.reverse(BigIntegers.asUnsignedByteArray(LENGTH, value));
    }

    /** The unsigned number that {@code little} holds, least significant byte first. */
    static BigInteger fromLittleEndian(byte[] little) {
        return new BigInteger(1, Arrays.reverse(little));
    }

    /** What a key pair needs from the JDK, resolved when the first one is made. */
    private static final class Jdk {
        static final SecureRandom RANDOM = new SecureRandom();
        static final Provider SUN_EC = sunEc();

        private static Provider sunEc() {
            Provider provider = Security.getProvider("SunEC");
            if (provider == null) {
                throw new ProviderException("the JDK's SunEC provider is missing");
            }
            return provider;
        }
    }
}
