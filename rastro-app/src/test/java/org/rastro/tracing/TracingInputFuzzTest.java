package org.rastro.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rastro.system.ErrorCode;
import org.rastro.system.RastroException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tracing's parsers of outside input: a serial as the examiner read it, a trace request's JSON and a
 * batch CSV of recoveries. Whatever the input, each answers or refuses with a 400-kind error naming what
 * is wrong (a RastroException, or problems with line and column) — never an exception that would be a 500.
 *
 * <p>{@code ./mvnw verify} replays the regression corpus in {@code src/test/resources/.../TracingInputFuzzTestInputs};
 * {@code JAZZER_FUZZ=1 ./mvnw test -pl rastro-app -Dtest='TracingInputFuzzTest#serialReading'} fuzzes one target.
 */
class TracingInputFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "30s")
    void serialReading(FuzzedDataProvider data) {
        String asRead = utf8(data);
        try {
            SerialReading reading = SerialReading.parse(asRead);
            assertThat(reading.text()).isNotEmpty();
        } catch (RastroException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void traceRequest(FuzzedDataProvider data) {
        String json = utf8(data);
        JsonNode body;
        try {
            body = JSON.readTree(json);
        } catch (JacksonException notJson) {
            // Spring answers 400 before the controller; nothing of ours runs.
            return;
        }
        if (body == null) {
            return;
        }
        try {
            TraceRequest request = TraceApi.request(body);
            assertThat(request.people()).isNotNull();
            if (request.serialAsRead() != null) {
                SerialReading.parse(request.serialAsRead());
            }
        } catch (RastroException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void batchCsv(FuzzedDataProvider data) {
        byte[] csv = data.consumeRemainingAsBytes();
        List<TraceBatch.Problem> problems = new ArrayList<>();
        List<TraceBatch.Row> rows = TraceBatch.parse(new ByteArrayInputStream(csv), problems, "POL-MEX"::equals);
        // Every problem names its line; a file is either rows, or problems, or some of each (partial mode).
        for (TraceBatch.Problem p : problems) {
            assertThat(p.line()).isNotNegative();
            assertThat(p.reason().es()).isNotBlank();
        }
        for (TraceBatch.Row r : rows) {
            assertThat(r.request().serialAsRead()).isNotBlank();
        }
    }

    /** The input as text: its bytes read as UTF-8, so a corpus file is the text it holds. */
    private static String utf8(FuzzedDataProvider data) {
        return new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
    }
}
