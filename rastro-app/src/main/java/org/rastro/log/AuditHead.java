package org.rastro.log;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail's chain head as the custody log's checkpoints carry it: an extension line
 * {@code rastro-audit <seq> <base64 chain>} in every signed checkpoint (V27 keeps the head).
 */
public record AuditHead(long seq, byte[] chain) {

    static final String PREFIX = "rastro-audit ";

    public AuditHead {
        chain = chain.clone();
    }

    @Override
    public byte[] chain() {
        return chain.clone();
    }

    String line() {
        return PREFIX + seq + " " + Base64.getEncoder().encodeToString(chain);
    }

    /** The head now, read in the checkpoint's own transaction. */
    static AuditHead read(Connection c) throws SQLException {
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("select seq, chain from audit_head where id = 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("the audit trail has no chain head (migration V27)");
            }
            return new AuditHead(rs.getLong(1), rs.getBytes(2));
        }
    }

    /** The head a checkpoint's extension lines name, if any. */
    public static Optional<AuditHead> of(List<String> extensions) {
        for (String e : extensions) {
            if (e.startsWith(PREFIX)) {
                String[] parts = e.substring(PREFIX.length()).split(" ");
                if (parts.length == 2 && parts[0].matches("0|[1-9][0-9]{0,18}")) {
                    return Optional.of(new AuditHead(
                            Long.parseLong(parts[0]), Base64.getDecoder().decode(parts[1])));
                }
            }
        }
        return Optional.empty();
    }
}
