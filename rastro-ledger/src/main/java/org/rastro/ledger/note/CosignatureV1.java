package org.rastro.ledger.note;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A C2SP tlog-cosignature (type 0x04, cosignature/v1) signature payload: key ID (4 bytes) ‖
 * timestamp (8 bytes, big-endian seconds since the epoch) ‖ Ed25519 signature (64 bytes) over
 * {@code "cosignature/v1\ntime <timestamp>\n" ‖ checkpoint body}.
 */
public record CosignatureV1(int keyId, long timestamp, byte[] signature) {

    public CosignatureV1 {
        requireNonNull(signature, "signature is null");
        if (signature.length != 64) {
            throw new IllegalArgumentException("a cosignature/v1 carries a 64-byte Ed25519 signature");
        }
        signature = signature.clone();
    }

    public static CosignatureV1 parse(byte[] payload) {
        if (payload.length != 4 + 8 + 64) {
            throw new IllegalArgumentException("a cosignature/v1 payload is 76 bytes, got " + payload.length);
        }
        int id = ((payload[0] & 0xff) << 24)
                | ((payload[1] & 0xff) << 16)
                | ((payload[2] & 0xff) << 8)
                | (payload[3] & 0xff);
        long ts = 0;
        for (int i = 4; i < 12; i++) {
            ts = (ts << 8) | (payload[i] & 0xff);
        }
        return new CosignatureV1(id, ts, Arrays.copyOfRange(payload, 12, 76));
    }

    /** The message a witness signs for this checkpoint body. */
    public static String signedMessage(long timestamp, String checkpointBody) {
        return "cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n" + checkpointBody;
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
