package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.IntegrationTest;

/** A hostile value typed into a trace reaches the CSV files Rastro writes as text, never as a formula. */
class CsvInjectionTest extends IntegrationTest {

    @Test
    void formulaInjectionInATraceIsNeutralisedInTheForeignRequestAndTheBatchResult() {
        Api api = api();
        String analyst = api.token("analista");
        Map<String, Object> body = Map.of(
                "weapon",
                Map.of("serialAsRead", "QQZZ9J4K7VV", "importMarks", "@SUM(1+1)*cmd|' /C calc'!A0"),
                "recovery",
                Map.of(
                        "caseNumber",
                        "=HYPERLINK(\"http://example.invalid\",\"x\")",
                        "agency",
                        "POL-MEX",
                        "recoveredOn",
                        "2026-11-20",
                        "crimeType",
                        "+cmd"));
        Api.Response traced = api.post("/api/v1/traces", analyst, "application/json", api.json(body));
        assertThat(traced.status()).as(traced.body()).isEqualTo(201);
        long id = traced.json().path("traceId").asLong();
        String csv = api.get("/api/v1/traces/" + id + "/foreign-request?format=csv", analyst)
                .body();
        assertThat(csv)
                .contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"")
                .contains("'@SUM(1+1)*cmd")
                .contains("'+cmd")
                .doesNotContain(",=")
                .doesNotContain(",@")
                .doesNotContain(",+cmd");

        String batch = """
                case_number,agency,recovered_on,serial_as_read
                -1+1,POL-MEX,2026-11-01,QQZZ9J4K7VW
                """;
        Api.Response result = api.traceBatch("/api/v1/traces/batch", analyst, batch);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        assertThat(result.body().lines().skip(1).findFirst().orElseThrow()).startsWith("2,'-1+1,");
    }
}
