package org.rastro.tracing;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.rastro.security.ReadGuard;
import org.rastro.security.RunAs;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import org.rastro.system.Text;
import org.rastro.system.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs trace batch jobs in the background, oldest first, one at a time, as the account that sent them. Each
 * row's trace and its result row commit together, so a job interrupted by a restart resumes with the rows
 * not yet done and traces none twice. The candidates handed out are tallied by the read guard for the
 * account; when the guard blocks it (or an administrator disables it), the job stops with what it did.
 *
 * <p>Thread-safe: one background thread runs jobs; {@link #wake()} may be called from any thread.
 */
@Component
class TraceJobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TraceJobRunner.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TraceBatch batch;
    private final TraceService traces;
    private final ReadGuard reads;
    private final RunAs runAs;
    private final Semaphore signal = new Semaphore(0);
    private final Worker worker = new Worker("trace-jobs", Duration.ofSeconds(10), false);

    TraceJobRunner(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            TraceBatch batch,
            TraceService traces,
            ReadGuard reads,
            RunAs runAs) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.batch = batch;
        this.traces = traces;
        this.reads = reads;
        this.runAs = runAs;
    }

    /** A new job is waiting. */
    void wake() {
        signal.release();
    }

    /** The stop reason of a job whose account was blocked or disabled while it ran. */
    static final String STOPPED_BLOCKED = "ACCOUNT_BLOCKED";

    private record Job(long id, long requestedBy, boolean partial, Locale locale, byte[] input) {}

    private void loop() {
        while (worker.running()) {
            try {
                if (signal.tryAcquire(1, TimeUnit.SECONDS)) {
                    signal.drainPermits();
                }
                Optional<Job> next;
                while (worker.running() && (next = next()).isPresent()) {
                    run(next.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.requestStop();
            } catch (RuntimeException e) {
                // The job stays where it was and is tried again: a database that went away comes back.
                log.error("trace jobs: {}", e.toString(), e);
            }
        }
    }

    /** The oldest job waiting or interrupted, marked running. */
    private Optional<Job> next() {
        return jdbc.sql("""
                update trace_job set status = 'RUNNING', started_at = coalesce(started_at, now())
                 where id = (select id from trace_job where status in ('QUEUED', 'RUNNING') order by id limit 1
                             for update skip locked)
                returning id, requested_by, partial, language, input
                """)
                .query((rs, n) -> new Job(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getBoolean(3),
                        "en".equals(rs.getString(4)) ? Locale.ENGLISH : Text.SPANISH,
                        rs.getBytes(5)))
                .optional();
    }

    /** Traces the job's rows not yet done; marks it done, or stopped when its account may no longer work. */
    void run(Job job) {
        TraceBatch.Parsed parsed = batch.parse(new ByteArrayInputStream(job.input()));
        for (Map.Entry<Long, String> bad : parsed.badLines(job.locale()).entrySet()) {
            addRow(job.id(), bad.getKey(), null, TraceBatch.rejected(bad.getKey(), bad.getValue()));
        }
        Set<Long> done = new HashSet<>(jdbc.sql("select line from trace_job_row where job_id = :id")
                .param("id", job.id())
                .query(Long.class)
                .list());
        try {
            runAs.run(job.requestedBy(), () -> {
                for (TraceBatch.Row row : parsed.rows()) {
                    if (!worker.running()) {
                        return null; // resumed at the next start
                    }
                    if (!done.contains(row.line())) {
                        trace(job, row);
                    }
                }
                return null;
            });
        } catch (RastroException e) {
            if (e.code() != ErrorCode.ACCOUNT_BLOCKED) {
                throw e;
            }
            end(job.id(), STOPPED_BLOCKED);
            log.warn("trace job {} stopped: {}", job.id(), e.text().en());
            return;
        }
        if (worker.running()) {
            end(job.id(), null);
        }
    }

    /** One row: its trace and its result row together; a refused row is a rejected result row. */
    private void trace(Job job, TraceBatch.Row row) {
        TraceResult result;
        try {
            result = transactions.execute(tx -> {
                TraceResult r = traces.trace(row.request(), job.requestedBy());
                addRow(job.id(), row.line(), r.traceId(), TraceBatch.traced(row, r, job.locale()));
                return r;
            });
        } catch (RastroException e) {
            addRow(
                    job.id(),
                    row.line(),
                    null,
                    TraceBatch.rejected(row.line(), e.text().in(job.locale())));
            return;
        }
        // Tallied after the commit: a block must not undo the trace it was asked for (the block throws).
        reads.read(
                ReadGuard.Kind.WEAPON,
                result.candidates().stream().map(Candidate::weaponId).toList());
    }

    private void addRow(long job, long line, Long trace, List<String> cells) {
        jdbc.sql("""
                insert into trace_job_row (job_id, line, trace_id, cells) values (:job, :line, :trace, :cells)
                on conflict (job_id, line) do nothing
                """)
                .param("job", job)
                .param("line", line)
                .param("trace", trace)
                .param("cells", cells.toArray(String[]::new))
                .update();
    }

    private void end(long job, String stopReason) {
        jdbc.sql("""
                update trace_job set status = case when cast(:reason as text) is null then 'DONE' else 'STOPPED' end,
                                     stop_reason = :reason, finished_at = now()
                 where id = :id
                """).param("reason", stopReason).param("id", job).update();
    }

    @Override
    public void start() {
        worker.start(this::loop);
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }
}
