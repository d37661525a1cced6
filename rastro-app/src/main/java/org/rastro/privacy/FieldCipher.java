package org.rastro.privacy;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal-data fields (AES-256-GCM) and computes their blind index (HMAC-SHA-256). No Spring,
 * no database: {@link KeyRing} gives it its keys, unwrapped from the database with the key-encryption
 * key that lives outside it.
 *
 * <p>A sealed field is {@code [1][data key id: 4 bytes][nonce: 12 bytes][ciphertext and tag]}. The
 * additional authenticated data is the field's context — table, column and the row's natural key — so
 * a ciphertext copied onto another person's row does not open. The key id lets old rows be re-encrypted
 * after a rotation while both keys open.
 */
public final class FieldCipher {

    private static final byte VERSION = 1;
    private static final int HEADER = 1 + 4 + 12;
    private static final int TAG_BITS = 128;
    /** Blind indexes are truncated: 128 bits keep equality exact in practice and say less about the value. */
    private static final int INDEX_BYTES = 16;

    private final int activeKeyId;
    private final Map<Integer, SecretKey> dataKeys;
    private final SecretKey indexKey;
    private final SecureRandom random = new SecureRandom();
    /**
     * A cipher and a MAC for each thread: looking them up in the providers costs more than sealing a phone number,
     * and imports seal hundreds of thousands. AES-GCM is initialised afresh (new nonce) for every field.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    });

    private final ThreadLocal<Mac> macs;

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    FieldCipher(int activeKeyId, Map<Integer, byte[]> dataKeys, byte[] indexKey) {
        if (!dataKeys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active data key " + activeKeyId + " is not among the keys");
        }
        this.activeKeyId = activeKeyId;
        this.dataKeys = dataKeys.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e ->
                (SecretKey) new SecretKeySpec(e.getValue(), "AES")));
        this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.indexKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA-256 is not available in this JDK", e);
            }
        });
    }

    /** The key new fields are sealed with. */
    public int activeKeyId() {
        return activeKeyId;
    }

    /** Seals a field; null stays null. */
    public byte[] seal(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        requireNonNull(context, "context is null");
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, dataKeys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(HEADER + sealed.length)
                    .put(VERSION)
                    .putInt(activeKeyId)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** Opens a sealed field; null stays null. A field that does not open (tampered, moved, unknown key) is an error. */
    public String open(byte[] sealed, String context) {
        if (sealed == null) {
            return null;
        }
        if (sealed.length < HEADER + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalStateException("a sealed field of " + context + " is malformed");
        }
        int keyId = keyIdOf(sealed);
        SecretKey key = dataKeys.get(keyId);
        if (key == null) {
            throw new IllegalStateException(
                    "a field of " + context + " is sealed with data key " + keyId + ", which is not loaded");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 5, 12));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, HEADER, sealed.length - HEADER), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException(
                    "a field of " + context + " does not open: altered, or moved from another row", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** The data key a field was sealed with. */
    public static int keyIdOf(byte[] sealed) {
        return ByteBuffer.wrap(sealed, 1, 4).getInt();
    }

    /**
     * The keyed blind index of a value for equality search: HMAC-SHA-256 of the purpose and the value as
     * {@link #normalise normalised}, truncated. Equal values (in case, accents and spacing) give equal
     * indexes; without the index key nobody can test a guess against the database.
     */
    public byte[] index(String purpose, String value) {
        if (value == null) {
            return null;
        }
        Mac mac = macs.get();
        mac.reset();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return Arrays.copyOf(mac.doFinal(normalise(value).getBytes(StandardCharsets.UTF_8)), INDEX_BYTES);
    }

    /** Lower case, accents removed, runs of spaces as one: "JOSÉ  Pérez" and "jose perez" are the same name. */
    public static String normalise(String value) {
        String decomposed = MARKS.matcher(Normalizer.normalize(value.strip(), Normalizer.Form.NFD))
                .replaceAll("");
        return SPACES.matcher(decomposed.toLowerCase(Locale.ROOT)).replaceAll(" ");
    }
}
