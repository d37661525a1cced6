package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/**
 * Issue 18, "a 1,000-row trace batch takes 22–40 s in the request": batches run as jobs. The request
 * answers at once with the job; its progress is readable by the account that sent it (by no other); the
 * result file comes once it is done; a job interrupted part-way resumes without tracing a row twice; and the
 * candidates it hands out are tallied by the read guard for the account, as a single trace's are.
 */
class TraceBatchJobTest extends IntegrationTest {

    // The investigator sends the batches: the analyst's home lists the analyst's own recent traces, which
    // HomePageTest reads, and forty traces of this test would push them off it.

    private static final String HEADER = "case_number,agency,recovered_on,serial_as_read\n";

    private static String rows(String prefix, int n) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            csv.append(prefix)
                    .append(i)
                    .append(",POL-MEX,2026-11-01,QQ")
                    .append(prefix)
                    .append(i)
                    .append("ZX\n");
        }
        return csv.toString();
    }

    private String status(Api api, long job, String token) {
        return api.get("/api/v1/traces/batch/" + job, token)
                .json()
                .path("status")
                .asString();
    }

    @Test
    void aBatchIsAJobWithProgressAndAResultOnlyItsSenderReads() {
        Api api = api();
        String investigator = api.token("investigador");
        long before = count("trace");
        Api.Response accepted = api.post("/api/v1/traces/batch", investigator, "text/csv", rows("JA", 40));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long job = accepted.json().path("id").asLong();
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith("/api/v1/traces/batch/" + job);
        assertThat(accepted.json().path("total").asInt()).isEqualTo(40);
        assertThat(accepted.json().path("status").asString()).isIn("QUEUED", "RUNNING", "DONE");

        assertThat(api.get("/api/v1/traces/batch/" + job, api.token("analista")).status())
                .as("another account's job does not exist for it")
                .isEqualTo(404);

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> status(api, job, investigator).equals("DONE"));
        var done = api.get("/api/v1/traces/batch/" + job, investigator).json();
        assertThat(done.path("done").asInt()).isEqualTo(40);
        assertThat(done.path("traced").asInt()).isEqualTo(40);
        assertThat(done.path("result").asString()).isEqualTo("/api/v1/traces/batch/" + job + "/result");
        assertThat(count("trace")).isEqualTo(before + 40);

        Api.Response result = api.get("/api/v1/traces/batch/" + job + "/result", investigator);
        assertThat(result.status()).isEqualTo(200);
        List<String> lines = result.body().lines().toList();
        assertThat(lines).hasSize(41);
        assertThat(lines.get(1)).startsWith("2,JA0,");
        assertThat(lines.get(40)).startsWith("41,JA39,");
        assertThat(api.get("/api/v1/traces/batch/" + job + "/result", api.token("analista"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anInterruptedJobResumesWithoutTracingARowTwice() {
        Api api = api();
        String investigator = api.token("investigador");
        // A job that a restart interrupted (made DONE while its rows are written, so the worker waits; then
        // RUNNING): its first seven rows done (each row's trace and result
        // commit together, so a row is done or not at all), five to go.
        String csv = rows("JR", 12);
        long job = jdbc.sql("""
                insert into trace_job (requested_by, partial, language, input, total, status, started_at)
                select id, false, 'es', :input, 12, 'DONE', now() from app_user where username = 'investigador'
                returning id
                """)
                .param("input", csv.getBytes(StandardCharsets.UTF_8))
                .query(Long.class)
                .single();
        for (int line = 2; line <= 8; line++) {
            jdbc.sql("insert into trace_job_row (job_id, line, cells) values (:j, :l, :c)")
                    .param("j", job)
                    .param("l", line)
                    .param("c", new String[] {String.valueOf(line), "HECHO-ANTES"})
                    .update();
        }
        long before = count("trace");
        jdbc.sql("update trace_job set status = 'RUNNING' where id = :j")
                .param("j", job)
                .update();

        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> status(api, job, investigator).equals("DONE"));
        assertThat(count("trace")).as("only the five rows not done are traced").isEqualTo(before + 5);
        List<String> lines = api.get("/api/v1/traces/batch/" + job + "/result", investigator)
                .body()
                .lines()
                .toList();
        assertThat(lines).hasSize(13);
        assertThat(lines.subList(1, 8)).allMatch(l -> l.contains("HECHO-ANTES"));
        assertThat(lines.subList(8, 13)).allMatch(l -> l.contains(",JR") && !l.contains("HECHO-ANTES"));
    }

    @Test
    void aFileWithBadRowsIsRefusedInTheRequestAndNothingIsQueued() {
        Api api = api();
        long jobs = count("trace_job");
        Api.Response refused = api.post(
                "/api/v1/traces/batch", api.token("investigador"), "text/csv", HEADER + "X,NOWHERE,2026-11-01,AB1\n");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("code").asString()).isEqualTo("IMPORT_REJECTED");
        assertThat(count("trace_job")).isEqualTo(jobs);
    }

    @Test
    void theCandidatesATraceHandsOutAreTalliedForItsAccount() {
        Api api = api();
        String investigator = api.token("investigador");
        var weapon = jdbc.sql("""
                select w.serial_as_read, w.id from (select serial_as_marked as serial_as_read, id from weapon
                 order by id desc limit 1) w
                """)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .single();
        jdbc.sql("delete from read_record r using app_user u where u.id = r.user_id and u.username = 'investigador'")
                .update();
        Api.Response traced = api.post(
                "/api/v1/traces",
                investigator,
                "application/json",
                api.json(Map.of(
                        "weapon",
                        Map.of("serialAsRead", weapon.getKey()),
                        "recovery",
                        Map.of("caseNumber", "CI-TALLY-1", "agency", "POL-MEX", "recoveredOn", "2026-11-20"))));
        assertThat(traced.status()).as(traced.body()).isEqualTo(201);
        assertThat(jdbc.sql("""
                select count(*) from read_record r join app_user u on u.id = r.user_id
                 where u.username = 'investigador' and r.kind = 'WEAPON' and r.record_id = :w
                """).param("w", weapon.getValue()).query(Long.class).single())
                .isEqualTo(1);
    }
}
