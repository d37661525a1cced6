package org.rastro.tracing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rastro.security.Account;
import org.rastro.system.CsvOut;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Trace batches as jobs: a file checked in the request and kept, its rows traced in the background by
 * {@link TraceJobRunner}, its progress and its result file read by the account that sent it (and by no
 * other: for anyone else the job does not exist).
 *
 * <p>Thread-safe: stateless but for its collaborators, which are.
 */
@Service
class TraceJobs {

    private static final TextBundle TEXTS = TextBundle.of("tracing");

    /** Where a job stands. */
    enum Status {
        /** Accepted and waiting for the worker. */
        QUEUED,
        /** Being traced (or interrupted by a restart; the worker resumes it). */
        RUNNING,
        /** Every row traced or rejected: the result is complete. */
        DONE,
        /** Stopped before the end (the account was blocked or disabled): the result holds what was done. */
        STOPPED
    }

    /** A job as its owner reads it: progress, counts and, once done, where the result is. */
    record View(
            long id,
            Status status,
            int total,
            int done,
            int traced,
            int rejected,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Text stopReason,
            String result) {}

    private final JdbcClient jdbc;
    private final TraceBatch batch;
    private final TraceJobRunner runner;

    TraceJobs(JdbcClient jdbc, TraceBatch batch, TraceJobRunner runner) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.runner = runner;
    }

    /**
     * Checks the file and keeps it as a job for the worker; a file refused whole is refused here (422, every
     * bad row), and nothing is kept.
     */
    View submit(byte[] csv, boolean partial, Account account, Locale locale) {
        TraceBatch.Parsed parsed = batch.parse(new ByteArrayInputStream(csv));
        if (parsed.refused(partial)) {
            throw new RastroException(
                    ErrorCode.IMPORT_REJECTED,
                    TEXTS.text("batch.rejected", parsed.problems().size()),
                    Map.of(
                            "problems",
                            parsed.problems().stream().map(p -> p.in(locale)).toList()));
        }
        int total = parsed.rows().size() + parsed.badLines(locale).size();
        long id = jdbc.sql("""
                insert into trace_job (requested_by, partial, language, input, total)
                values (:by, :partial, :language, :input, :total) returning id
                """)
                .param("by", account.id())
                .param("partial", partial)
                .param("language", Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "es")
                .param("input", csv)
                .param("total", total)
                .query(Long.class)
                .single();
        runner.wake();
        return view(id, account);
    }

    /** The job, if the account sent it; not found otherwise. */
    View view(long id, Account account) {
        return jdbc.sql("""
                select j.id, j.status, j.total,
                       (select count(*) from trace_job_row r where r.job_id = j.id) as done,
                       (select count(*) from trace_job_row r where r.job_id = j.id and r.trace_id is not null) as traced,
                       j.created_at, j.started_at, j.finished_at, j.stop_reason
                  from trace_job j
                 where j.id = :id and j.requested_by = :by
                """)
                .param("id", id)
                .param("by", account.id())
                .query((rs, n) -> {
                    Status status = Status.valueOf(rs.getString("status"));
                    int done = rs.getInt("done");
                    int traced = rs.getInt("traced");
                    String reason = rs.getString("stop_reason");
                    return new View(
                            rs.getLong("id"),
                            status,
                            rs.getInt("total"),
                            done,
                            traced,
                            done - traced,
                            rs.getTimestamp("created_at").toInstant(),
                            instant(rs.getTimestamp("started_at")),
                            instant(rs.getTimestamp("finished_at")),
                            reason == null ? null : TEXTS.text("job.stopped." + reason),
                            status == Status.DONE || status == Status.STOPPED
                                    ? "/api/v1/traces/batch/" + id + "/result"
                                    : null);
                })
                .optional()
                .orElseThrow(() -> TEXTS.notFound("job.unknown", String.valueOf(id)));
    }

    /**
     * Writes the job's result file (header, then a row per line of the sent file, in line order) once the job
     * has ended; before that, a conflict that says how far it is.
     */
    void writeResult(long id, Account account, Writer out) throws IOException {
        View job = view(id, account);
        if (job.status() == Status.QUEUED || job.status() == Status.RUNNING) {
            throw new RastroException(
                    ErrorCode.CONFLICT,
                    TEXTS.text(
                            "job.notDone",
                            String.valueOf(id),
                            String.valueOf(job.done()),
                            String.valueOf(job.total())));
        }
        try (CsvOut csv = CsvOut.to(out)) {
            csv.row(TraceBatch.RESULT_COLUMNS);
            List<List<String>> rows = jdbc.sql("select cells from trace_job_row where job_id = :id order by line")
                    .param("id", id)
                    .query((rs, n) -> cells(rs.getArray(1)))
                    .list();
            for (List<String> row : rows) {
                csv.row(row);
            }
        }
    }

    private static List<String> cells(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
