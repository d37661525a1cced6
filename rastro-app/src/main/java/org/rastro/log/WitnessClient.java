package org.rastro.log;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.rastro.ledger.witness.AddCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one add-checkpoint to one witness and says what it answered, in the protocol's terms. A connection
 * that fails, a timeout, a 5xx or a 429 is tried again twice with a short pause; every other answer is final.
 */
final class WitnessClient {

    private static final Logger log = LoggerFactory.getLogger(WitnessClient.class);

    /** What a witness answered. */
    sealed interface Reply {
        /** 200: its cosignature lines. */
        record Cosigned(String lines) implements Reply {}

        /** 409 text/x.tlog.size: it last cosigned another size than the one sent as old. */
        record OtherSize(long size) implements Reply {}

        /** 409 otherwise: it holds another root at this size — it says the log forked. */
        record Fork(String text) implements Reply {}

        /** 422: the consistency proof does not verify against what it holds. */
        record BadProof(String text) implements Reply {}

        /** 400, 403, 404 and the like: it refuses the request as it stands (a policy or key to mend). */
        record Refused(int status, String text) implements Reply {}

        /** No answer within the time, no connection, a 5xx or a 429 after the retries; the last of them. */
        record Unreachable(Witnessing.Reason reason, Integer status, String said) implements Reply {}
    }

    private static final int ATTEMPTS = 3;

    /** The longest cosignature answer taken: a few Ed25519 and ML-DSA-44 lines. */
    private static final int MAX_ANSWER = 64 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    WitnessClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Reply addCheckpoint(URI url, AddCheckpoint request) throws InterruptedException {
        Reply.Unreachable why = new Reply.Unreachable(Witnessing.Reason.NO_ANSWER, null, null);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Thread.sleep(200L << (attempt - 2));
            }
            HttpResponse<String> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(timeout)
                                .header("Content-Type", "text/plain; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString(request.format(), StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                why = new Reply.Unreachable(Witnessing.Reason.NO_ANSWER, null, null);
                continue;
            } catch (IOException e) {
                // Not the witness's words: the page says "no connection"; the server's log keeps the exception.
                log.debug("No connection to the witness at {}: {}", url, e.toString());
                why = new Reply.Unreachable(Witnessing.Reason.NO_CONNECTION, null, null);
                continue;
            }
            // A cosignature answer is a few lines (an ML-DSA-44 line is about 3.3 KB); anything else is quoted, cut
            // short.
            String body = response.body();
            int status = response.statusCode();
            if (status != 200 && body.length() > 2000) {
                body = body.substring(0, 2000);
            }
            if (status == 429 || status >= 500) {
                why = new Reply.Unreachable(Witnessing.Reason.SERVER_ERROR, status, body.strip());
                continue;
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            return switch (status) {
                case 200 ->
                    body.length() <= MAX_ANSWER
                            ? new Reply.Cosigned(body)
                            : new Reply.Refused(200, "an answer of " + body.length() + " characters is no cosignature");
                case 409 ->
                    type.startsWith("text/x.tlog.size") && body.strip().matches("[0-9]{1,20}")
                            ? new Reply.OtherSize(Long.parseUnsignedLong(body.strip()))
                            : new Reply.Fork(body.strip());
                case 422 -> new Reply.BadProof(body.strip());
                default -> new Reply.Refused(status, body.strip());
            };
        }
        return why;
    }
}
