package org.rastro.phones;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Investigations: the case every warrant, import and analysis of phone records belongs to. */
@Service
public class Investigations {

    static final TextBundle TEXTS = TextBundle.of("phones");

    /**
     * An investigation as listed: when it was closed and until when its records are kept, and when they were
     * destroyed (and how many).
     */
    public record Investigation(
            long id,
            String number,
            String title,
            String openedBy,
            Instant openedAt,
            Instant closedAt,
            LocalDate retainUntil,
            Instant destroyedAt,
            Integer destroyedRecords) {

        public boolean open() {
            return closedAt == null;
        }
    }

    private static final String SELECT = """
            select i.id, i.number, i.title, u.username, i.opened_at, i.closed_at, i.retain_until, i.destroyed_at,
                   i.destroyed_records
              from investigation i join app_user u on u.id = i.opened_by
            """;

    private static Investigation row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp closed = rs.getTimestamp(6);
        java.sql.Timestamp destroyed = rs.getTimestamp(8);
        return new Investigation(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                closed == null ? null : closed.toInstant(),
                rs.getObject(7, LocalDate.class),
                destroyed == null ? null : destroyed.toInstant(),
                (Integer) rs.getObject(9));
    }

    private final JdbcClient jdbc;

    public Investigations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long open(String number, String title, long userId) {
        if (number == null || number.isBlank() || number.strip().length() > 60) {
            throw TEXTS.invalid("investigation.number");
        }
        if (title == null || title.isBlank() || title.strip().length() > 200) {
            throw TEXTS.invalid("investigation.title");
        }
        if (jdbc.sql("select exists (select 1 from investigation where number = :n)")
                .param("n", number.strip())
                .query(Boolean.class)
                .single()) {
            throw TEXTS.conflict("investigation.taken", number.strip());
        }
        return jdbc.sql("insert into investigation (number, title, opened_by) values (:n, :t, :by) returning id")
                .param("n", number.strip())
                .param("t", title.strip())
                .param("by", userId)
                .query(Long.class)
                .single();
    }

    public List<Investigation> all() {
        return jdbc.sql(SELECT + " order by i.id desc")
                .query(Investigations::row)
                .list();
    }

    /** The investigation, or a clear 404; one whose records were destroyed is refused (409). */
    Investigation get(long id) {
        Investigation found = find(id);
        if (found.destroyedAt() != null) {
            throw TEXTS.conflict("investigation.destroyed", found.number());
        }
        return found;
    }

    /** An import as the workspace lists it: under which warrant, what kind, how many rows kept and refused. */
    public record Imported(long id, String warrant, String kind, String file, int stored, int refused, Instant at) {}

    /** The investigation's imports, oldest first. */
    public List<Imported> imports(long id) {
        return jdbc.sql("""
                select i.id, w.reference, i.kind, i.file_name, i.rows_stored, i.rows_refused, i.imported_at
                  from phone_import i join warrant w on w.id = i.warrant_id
                 where w.investigation_id = :id order by i.id
                """)
                .param("id", id)
                .query((rs, n) -> new Imported(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** The investigation as it is, destroyed or not, or a clear 404. */
    public Investigation find(long id) {
        return jdbc.sql(SELECT + " where i.id = :id")
                .param("id", id)
                .query(Investigations::row)
                .optional()
                .orElseThrow(() -> TEXTS.notFound("investigation.unknown", id));
    }

    /**
     * Closes the investigation: no more imports; its records are kept until {@code retainUntil} (today at the
     * earliest, at most 24 months from now: how long operators keep them) and destroyed then.
     */
    @Transactional
    public Investigation close(long id, LocalDate retainUntil, long userId) {
        Investigation i = get(id);
        if (!i.open()) {
            throw TEXTS.conflict("investigation.closed", i.number());
        }
        if (retainUntil == null
                || retainUntil.isBefore(LocalDate.now())
                || retainUntil.isAfter(LocalDate.now().plusMonths(24))) {
            throw TEXTS.invalid("investigation.retention");
        }
        jdbc.sql("update investigation set closed_at = now(), closed_by = :by, retain_until = :until where id = :id")
                .param("by", userId)
                .param("until", retainUntil)
                .param("id", id)
                .update();
        return find(id);
    }

    /**
     * Destroys a closed investigation's phone records and links once its retention date has come: the rows are
     * deleted with the numbers, handsets and SIMs they named; the investigation keeps when, by whom and how many (the destruction itself is the record).
     */
    @Transactional
    public Investigation destroy(long id, long userId) {
        Investigation i = get(id);
        if (i.open()) {
            throw TEXTS.conflict("investigation.notClosed", i.number());
        }
        if (i.retainUntil().isAfter(LocalDate.now())) {
            throw TEXTS.conflict("investigation.kept", i.number(), i.retainUntil());
        }
        int records = jdbc.sql("delete from call_record where investigation_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("delete from phone_link where investigation_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("delete from phone_identifier where investigation_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("delete from phone_cell where investigation_id = :id")
                .param("id", id)
                .update();
        jdbc.sql("""
                update investigation set destroyed_at = now(), destroyed_by = :by, destroyed_records = :n where id = :id
                """).param("by", userId).param("n", records).param("id", id).update();
        return find(id);
    }
}
