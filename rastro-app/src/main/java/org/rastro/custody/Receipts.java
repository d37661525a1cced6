package org.rastro.custody;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.rastro.ledger.proof.TlogProof;
import org.rastro.log.StoredHashes;
import org.rastro.log.Witnessing;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Receipts of custody events: a C2SP tlog-proof of the event's leaf against the latest signed
 * checkpoint, read in one repeatable-read snapshot so the proof and the checkpoint agree.
 */
@Component
public class Receipts {

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final StoredHashes.GroupCache proofCache;
    private final Witnessing witnessing;

    Receipts(JdbcClient jdbc, DataSource dataSource, StoredHashes.GroupCache proofCache, Witnessing witnessing) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.proofCache = proofCache;
        this.witnessing = witnessing;
    }

    /** The checkpoint the log publishes (cosigned by the witnesses' quorum when there is a policy). */
    public String latestCheckpoint() {
        return witnessing.publishedCheckpoint();
    }

    /**
     * The receipt of event {@code id}; 404 if there is no such event, 409 while it is not yet in the log. With
     * witnesses, its checkpoint is the latest cosigned one that holds the event (carrying the cosignatures), or
     * while none does yet, the latest the log signed.
     */
    public String receipt(long id) {
        jdbc.sql("select id from custody_event where id = :id")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> RastroException.notFound("custody event", id));
        long index = jdbc.sql("select ledger_idx from custody_event_leaf where event_id = :id")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new RastroException(
                        ErrorCode.CONFLICT,
                        "custody event " + id + " is recorded but not yet in the log; ask again in a moment"));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                var snapshot = JdbcClient.create(new SingleConnectionDataSource(c, true));
                record Head(long size, String note) {}
                Optional<Head> cosigned = witnessing.required()
                        ? snapshot.sql("""
                                        select size, note from ledger_cosigned_checkpoint
                                         where size > :index order by id desc limit 1
                                        """)
                                .param("index", index)
                                .query(Head.class)
                                .optional()
                        : Optional.empty();
                Head head = cosigned.orElseGet(
                        () -> snapshot.sql("select size, note from ledger_checkpoint order by id desc limit 1")
                                .query(Head.class)
                                .single());
                byte[] entry = snapshot.sql("select entry from ledger_entry where idx = :i")
                        .param("i", index)
                        .query((rs, n) -> rs.getBytes(1))
                        .single();
                var proof = StoredHashes.inclusion(c, index, head.size(), proofCache);
                return new TlogProof(entry, index, proof, head.note()).format();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the receipt of custody event " + id + ": " + e.getMessage(), e);
        }
    }
}
