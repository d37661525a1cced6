package org.rastro.tracing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Photos of a recovered weapon: each stored once by its SHA-256 and linked to the traces that show it. */
@Component
class TracePhotos {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    /** A photo of a trace: its content type and bytes. */
    record Photo(String contentType, byte[] bytes) {}

    private static final int MAX_BYTES = 10 * 1024 * 1024;

    private final JdbcClient jdbc;

    TracePhotos(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the photo (once) and links it to the trace; returns its hash (hex). The trace must exist. */
    String add(long traceId, String contentType, byte[] bytes) {
        if (!"image/jpeg".equals(contentType) && !"image/png".equals(contentType)) {
            throw TEXTS.invalid("photo.type", contentType);
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw TEXTS.invalid("photo.size", bytes.length);
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql(
                        "insert into trace_photo (sha256, content_type, bytes) values (:h, :t, :b) on conflict (sha256) do nothing")
                .param("h", hash)
                .param("t", contentType)
                .param("b", bytes)
                .update();
        jdbc.sql("insert into trace_photo_link (trace_id, sha256) values (:id, :h) on conflict do nothing")
                .param("id", traceId)
                .param("h", hash)
                .update();
        return HexFormat.of().formatHex(hash);
    }

    List<String> of(long traceId) {
        return jdbc.sql("select encode(sha256, 'hex') from trace_photo_link where trace_id = :id order by sha256")
                .param("id", traceId)
                .query(String.class)
                .list();
    }

    Photo photo(long traceId, String sha256Hex) {
        if (!sha256Hex.matches("[0-9a-f]{64}")) {
            throw TEXTS.invalid("photo.hash");
        }
        return jdbc.sql("""
                select p.content_type, p.bytes from trace_photo p join trace_photo_link l on l.sha256 = p.sha256
                 where l.trace_id = :id and p.sha256 = decode(:h, 'hex')
                """)
                .param("id", traceId)
                .param("h", sha256Hex)
                .query((rs, n) -> new Photo(rs.getString(1), rs.getBytes(2)))
                .optional()
                .orElseThrow(() -> TEXTS.notFound("photo.unknown", traceId, sha256Hex));
    }
}
