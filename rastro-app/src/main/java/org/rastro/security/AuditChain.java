package org.rastro.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.note.SignedNote;
import org.rastro.log.AuditHead;
import org.rastro.log.LogSigner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Proves the audit trail whole: recomputes its hash chain from the first event (V27: each event's value is
 * SHA-256 of the previous value and the event's canonical bytes), checks each stored value, then checks the
 * head that the latest signed checkpoint of the custody log committed to. An event altered shows as the
 * first value that does not match; events trimmed from the end show as a committed head beyond the trail,
 * or a head whose value the trail no longer reaches.
 */
@Service
public class AuditChain {

    /** What the check found. {@code problem} is null when the trail is whole up to the committed head. */
    public record Verification(
            boolean intact,
            long events,
            long committedSeq,
            long checkpointSize,
            Instant checkpointAt,
            Long firstBadEvent,
            String problem) {}

    private record Row(long seq, long id, byte[] chain, byte[] canonical) {}

    private record Committed(long size, String note, Instant at) {}

    private final JdbcClient jdbc;
    private final LogSigner signer;

    AuditChain(JdbcClient jdbc, LogSigner signer) {
        this.jdbc = jdbc;
        this.signer = signer;
    }

    public Verification verify() {
        Committed latest = jdbc.sql(
                        "select size, note, created_at as at from ledger_checkpoint order by id desc limit 1")
                .query(Committed.class)
                .optional()
                .orElse(null);
        AuditHead head = null;
        if (latest != null) {
            SignedNote note = SignedNote.parse(latest.note());
            if (!note.verify(List.of(signer.verifierKey())).ok()) {
                return new Verification(
                        false,
                        0,
                        -1,
                        latest.size(),
                        latest.at(),
                        null,
                        "the latest checkpoint's signature does not verify with the log's key");
            }
            head = AuditHead.of(Checkpoint.parse(note.text()).extensions()).orElse(null);
        }
        MessageDigest sha256 = sha256();
        byte[] chain = new byte[32];
        long count = 0;
        byte[] atCommitted = head != null && head.seq() == 0 ? chain.clone() : null;
        long after = 0;
        while (true) {
            List<Row> rows =
                    jdbc.sql("""
                    select chain_seq as seq, id, chain, audit_canonical(a) as canonical from audit_event a
                     where chain_seq > :after order by chain_seq limit 10000
                    """).param("after", after).query(Row.class).list();
            if (rows.isEmpty()) {
                break;
            }
            for (Row r : rows) {
                count++;
                if (r.seq() != count) {
                    return bad(
                            count,
                            head,
                            latest,
                            r.id(),
                            "event " + r.id() + " holds chain position " + r.seq() + " where " + count
                                    + " was due: events before it are missing");
                }
                sha256.update(chain);
                chain = sha256.digest(r.canonical());
                if (!Arrays.equals(chain, r.chain())) {
                    return bad(
                            count,
                            head,
                            latest,
                            r.id(),
                            "event " + r.id() + " does not hash to its chain value: it was altered");
                }
                if (head != null && r.seq() == head.seq()) {
                    atCommitted = chain.clone();
                }
            }
            after = rows.getLast().seq();
        }
        if (head == null) {
            return new Verification(
                    true,
                    count,
                    -1,
                    latest == null ? -1 : latest.size(),
                    latest == null ? null : latest.at(),
                    null,
                    null);
        }
        if (head.seq() > count) {
            return bad(
                    count,
                    head,
                    latest,
                    null,
                    "the latest checkpoint committed to " + head.seq() + " audit events; the trail holds " + count
                            + ": it was trimmed");
        }
        if (atCommitted == null || !Arrays.equals(atCommitted, head.chain())) {
            return bad(
                    count,
                    head,
                    latest,
                    null,
                    "the trail does not reach the head the latest checkpoint committed to:" + " it was rewritten");
        }
        return new Verification(true, count, head.seq(), latest.size(), latest.at(), null, null);
    }

    private static Verification bad(long count, AuditHead head, Committed latest, Long event, String problem) {
        return new Verification(
                false,
                count,
                head == null ? -1 : head.seq(),
                latest == null ? -1 : latest.size(),
                latest == null ? null : latest.at(),
                event,
                problem);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** The latest checkpoint's committed audit head, if any (for the auditor's page). */
    public Optional<AuditHead> committedHead() {
        return jdbc.sql("select note from ledger_checkpoint order by id desc limit 1")
                .query(String.class)
                .optional()
                .flatMap(n -> AuditHead.of(
                        Checkpoint.parse(SignedNote.parse(n).text()).extensions()));
    }
}
