package dev.likeness.consent.token;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;

/**
 * ES256 (RFC 7518 §3.4: ECDSA on P-256 with SHA-256; the signature is R and S, 32 bytes each)
 * through Bouncy Castle's P-256 arithmetic. Every allowed check signs and every draft registration
 * verifies. The JDK's provider builds the public key's multiples again for every verification (a
 * quarter of the service's CPU at 200 drafts a second, in a flight recording); a {@link Verifier}
 * keeps them. Nonces are deterministic (RFC 6979): signing needs no random source.
 */
final class Es256 {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256);
    private static final int HALF = 32;

    private Es256() {
    }

    static Signer signer(ECPrivateKey key) {
        requireP256(key.getParams().getOrder());
        return new Signer(new ECPrivateKeyParameters(key.getS(), DOMAIN));
    }

    static Verifier verifier(ECPublicKey key) {
        requireP256(key.getParams().getOrder());
        return new Verifier(new ECPublicKeyParameters(
                P256.getCurve().createPoint(key.getW().getAffineX(), key.getW().getAffineY()), DOMAIN));
    }

    private static void requireP256(BigInteger order) {
        if (!P256.getN().equals(order)) {
            throw new IllegalArgumentException("not a P-256 key");
        }
    }

    private static byte[] sha256(byte[] input) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(input, 0, input.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }

    static final class Signer {

        private final ECPrivateKeyParameters key;

        private Signer(ECPrivateKeyParameters key) {
            this.key = key;
        }

        byte[] sign(byte[] input) {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(sha256(input));
            byte[] signature = new byte[2 * HALF];
            BigIntegers.asUnsignedByteArray(rs[0], signature, 0, HALF);
            BigIntegers.asUnsignedByteArray(rs[1], signature, HALF, HALF);
            return signature;
        }
    }

    static final class Verifier {

        private final ECPublicKeyParameters key;

        private Verifier(ECPublicKeyParameters key) {
            this.key = key;
        }

        /** False for any signature that is not exactly 64 bytes of a valid R and S by this key over {@code input}. */
        boolean verify(byte[] input, byte[] signature) {
            if (signature.length != 2 * HALF) {
                return false;
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key);
            return verifier.verifySignature(sha256(input), new BigInteger(1, Arrays.copyOfRange(signature, 0, HALF)),
                    new BigInteger(1, Arrays.copyOfRange(signature, HALF, 2 * HALF)));
        }
    }
}
