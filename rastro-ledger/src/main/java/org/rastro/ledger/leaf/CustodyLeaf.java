package org.rastro.ledger.leaf;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

/**
 * The log entry of a custody event: a small canonical binary record that reveals as little as it
 * can. Layout (big-endian), version 1:
 * <pre>
 *   "rastro/custody-leaf" 0x00      domain tag
 *   u8   version = 1
 *   u8+  kind (length-prefixed UTF-8)
 *   u8+  organisation code (length-prefixed UTF-8)
 *   i32  coarse date: year * 100 + month
 *   32   item tag: HMAC-SHA256 of the item's identity under the registry's key (serials are enumerable)
 *   i64  log index of the previous leaf for the same item, or -1
 *   32   commitment: SHA-256("rastro/custody-details/v1" 0x00 ‖ nonce ‖ canonical details)
 * </pre>
 */
public record CustodyLeaf(
        String kind, String organisationCode, int yearMonth, byte[] itemTag, long previousIndex, byte[] commitment) {

    static final byte[] LEAF_TAG = "rastro/custody-leaf\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DETAILS_TAG = "rastro/custody-details/v1\0".getBytes(StandardCharsets.US_ASCII);

    public CustodyLeaf {
        requireNonNull(kind, "kind is null");
        requireNonNull(organisationCode, "organisationCode is null");
        if (itemTag.length != 32 || commitment.length != 32) {
            throw new IllegalArgumentException("item tag and commitment are 32 bytes");
        }
        itemTag = itemTag.clone();
        commitment = commitment.clone();
    }

    public static int yearMonth(LocalDate date) {
        return date.getYear() * 100 + date.getMonthValue();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(LEAF_TAG);
        out.write(1);
        writeString(out, kind);
        writeString(out, organisationCode);
        out.writeBytes(ByteBuffer.allocate(4).putInt(yearMonth).array());
        out.writeBytes(itemTag);
        out.writeBytes(ByteBuffer.allocate(8).putLong(previousIndex).array());
        out.writeBytes(commitment);
        return out.toByteArray();
    }

    public static CustodyLeaf decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] tag = new byte[LEAF_TAG.length];
        in.get(tag);
        if (!MessageDigest.isEqual(tag, LEAF_TAG) || in.get() != 1) {
            throw new IllegalArgumentException("not a version-1 custody leaf");
        }
        String kind = readString(in);
        String org = readString(in);
        int yearMonth = in.getInt();
        byte[] item = new byte[32];
        in.get(item);
        long previous = in.getLong();
        byte[] commitment = new byte[32];
        in.get(commitment);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after a custody leaf");
        }
        return new CustodyLeaf(kind, org, yearMonth, item, previous, commitment);
    }

    /** SHA-256(domain tag ‖ nonce ‖ canonical details): what an opening lets anyone recompute. */
    public static byte[] commitment(byte[] nonce, String canonicalDetails) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DETAILS_TAG);
            sha.update(nonce);
            sha.update(canonicalDetails.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] itemTag() {
        return itemTag.clone();
    }

    @Override
    public byte[] commitment() {
        return commitment.clone();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 255) {
            throw new IllegalArgumentException("a leaf string is at most 255 bytes");
        }
        out.write(b.length);
        out.writeBytes(b);
    }

    private static String readString(ByteBuffer in) {
        byte[] b = new byte[in.get() & 0xff];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
