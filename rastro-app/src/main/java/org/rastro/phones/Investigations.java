package org.rastro.phones;

import java.time.Instant;
import java.util.List;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Investigations: the case every warrant, import and analysis of phone records belongs to. */
@Service
public class Investigations {

    static final TextBundle TEXTS = TextBundle.of("phones");

    /** An investigation as listed. */
    public record Investigation(long id, String number, String title, String openedBy, Instant openedAt) {}

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
        return jdbc.sql("""
                select i.id, i.number, i.title, u.username, i.opened_at
                  from investigation i join app_user u on u.id = i.opened_by order by i.id desc
                """)
                .query((rs, n) -> new Investigation(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** The investigation, or a clear 404. */
    Investigation get(long id) {
        return jdbc.sql("""
                select i.id, i.number, i.title, u.username, i.opened_at
                  from investigation i join app_user u on u.id = i.opened_by where i.id = :id
                """)
                .param("id", id)
                .query((rs, n) -> new Investigation(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .optional()
                .orElseThrow(() -> TEXTS.notFound("investigation.unknown", id));
    }
}
