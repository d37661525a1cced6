package org.rastro.ledger.note;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * ML-DSA-44 (FIPS 204) through the JDK's own provider, present from JDK 24 on: Rastro runs on JDK 21 too, so
 * every caller first asks {@link #available()} and treats ML-DSA as a second signature that a JDK without it
 * simply does not make. Pure ML-DSA with an empty context, as C2SP tlog-cosignature prescribes.
 */
public final class MlDsa44 {

    /** The raw public key (ρ ‖ t1) as signed notes carry it. */
    public static final int PUBLIC_KEY_SIZE = 1312;

    public static final int SIGNATURE_SIZE = 2420;

    /** DER prefix of an ML-DSA-44 SubjectPublicKeyInfo (OID 2.16.840.1.101.3.4.3.17) before the raw key. */
    private static final byte[] SPKI_PREFIX = {
        0x30,
        (byte) 0x82,
        0x05,
        0x32,
        0x30,
        0x0b,
        0x06,
        0x09,
        0x60,
        (byte) 0x86,
        0x48,
        0x01,
        0x65,
        0x03,
        0x04,
        0x03,
        0x11,
        0x03,
        (byte) 0x82,
        0x05,
        0x21,
        0x00
    };

    private static final String FILE_HEADER = "ML-DSA-44";

    private MlDsa44() {}

    /** Whether this JDK signs and verifies ML-DSA-44. */
    public static boolean available() {
        try {
            KeyFactory.getInstance("ML-DSA-44");
            Signature.getInstance("ML-DSA");
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** A key pair: the private key, and the raw public key as a verifier key holds it. */
    public record Keys(PrivateKey privateKey, byte[] publicKey) {
        public Keys {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }
    }

    /**
     * The key pair kept in {@code file} (created once, owner-only): a header line, the PKCS#8 private key and
     * the raw public key, each in base64. The JDK's PKCS#8 form is read back by the same JDK family.
     */
    public static Keys loadOrCreate(Path file) throws IOException {
        try {
            if (Files.exists(file)) {
                String[] lines = Files.readString(file).split("\n");
                if (lines.length < 3 || !lines[0].equals(FILE_HEADER)) {
                    throw new IOException("the ML-DSA-44 key file " + file + " is not one Rastro wrote");
                }
                PrivateKey key = KeyFactory.getInstance("ML-DSA-44")
                        .generatePrivate(
                                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[1].strip())));
                return new Keys(key, Base64.getDecoder().decode(lines[2].strip()));
            }
            KeyPair pair = KeyPairGenerator.getInstance("ML-DSA-44").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(spki, spki.length - PUBLIC_KEY_SIZE, spki.length);
            String text = FILE_HEADER + "\n"
                    + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + Base64.getEncoder().encodeToString(raw) + "\n";
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return new Keys(pair.getPrivate(), raw);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot read or create the ML-DSA-44 key " + file + ": " + e.getMessage(), e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("ML-DSA");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ML-DSA-44 signing failed: " + e.getMessage(), e);
        }
    }

    /** Verifies; false for a bad signature. Throws if this JDK has no ML-DSA (ask {@link #available()}). */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey.length != PUBLIC_KEY_SIZE || signature.length != SIGNATURE_SIZE) {
            return false;
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_SIZE);
        System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_SIZE);
        try {
            PublicKey key = KeyFactory.getInstance("ML-DSA-44").generatePublic(new X509EncodedKeySpec(spki));
            Signature s = Signature.getInstance("ML-DSA");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no ML-DSA-44 (it arrived in JDK 24)", e);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
