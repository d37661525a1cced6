package org.rastro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rastro.ledger.checkpoint.Checkpoint;
import org.rastro.ledger.merkle.MemoryTree;
import org.rastro.ledger.merkle.Proofs;
import org.rastro.ledger.merkle.TreeHash;
import org.rastro.ledger.note.Cosigner;
import org.rastro.ledger.note.NoteSigner;
import org.rastro.ledger.note.SignedNote;
import org.rastro.ledger.note.VerifierKey;
import org.rastro.ledger.witness.AddCheckpoint;
import picocli.CommandLine;

/**
 * The standalone witness over HTTP, as another institution runs it: the protocol's statuses and content
 * types on the wire, a cosignature that verifies with the key it prints, and its seed kept owner-only.
 */
class WitnessCommandTest {

    private static final String ORIGIN = "rastro.test/custody-log";

    @Test
    void theWitnessAnswersTheProtocolOverHttp(@TempDir Path dir) throws Exception {
        NoteSigner log = NoteSigner.fromSeed(ORIGIN, new byte[32]);
        WitnessCommand command = new WitnessCommand();
        StringWriter printed = new StringWriter();
        Path key = dir.resolve("w1.key");
        Thread running = Thread.ofVirtual()
                .start(() -> new CommandLine(command)
                        .setOut(new PrintWriter(printed, true))
                        .execute(
                                "--name", "auditoria.test/w1",
                                "--key-file", key.toString(),
                                "--state", dir.resolve("state").toString(),
                                "--log", log.verifierKey().format(),
                                "--listen", "127.0.0.1:0"));
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (command.server == null && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(command.server).as("the witness started").isNotNull();
        URI url = URI.create("http://127.0.0.1:" + command.server.address().getPort() + "/add-checkpoint");
        HttpClient http = HttpClient.newHttpClient();

        MemoryTree tree = new MemoryTree();
        for (int i = 0; i < 7; i++) {
            tree.append(TreeHash.leaf(("event " + i).getBytes(StandardCharsets.UTF_8)));
        }
        String checkpoint = log.sign(new Checkpoint(ORIGIN, 7, tree.root(), List.of()).format());
        HttpResponse<String> first = post(http, url, new AddCheckpoint(0, List.of(), checkpoint).format());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        // The cosignature verifies with the verifier key the witness printed for the log's operators.
        String printedKey = printed.toString()
                .lines()
                .filter(l -> l.startsWith("its verifier key"))
                .findFirst()
                .orElseThrow()
                .replaceFirst(".*: ", "");
        long timestamp =
                Cosigner.verifiedTimestamp(SignedNote.parse(checkpoint + first.body()), VerifierKey.parse(printedKey));
        assertThat(timestamp).isPositive();

        // A stale old size: 409 with the latest size, as text/x.tlog.size.
        HttpResponse<String> stale = post(http, url, new AddCheckpoint(0, List.of(), checkpoint).format());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
        assertThat(stale.body()).isEqualTo("7\n");

        // Growing: the consistency proof from 7 to 10.
        for (int i = 7; i < 10; i++) {
            tree.append(TreeHash.leaf(("event " + i).getBytes(StandardCharsets.UTF_8)));
        }
        String next = log.sign(new Checkpoint(ORIGIN, 10, tree.root(), List.of()).format());
        assertThat(post(http, url, new AddCheckpoint(7, Proofs.consistency(7, 10, tree), next).format())
                        .statusCode())
                .isEqualTo(200);
        // A log it does not witness; a GET; a malformed body.
        NoteSigner other = NoteSigner.fromSeed("elsewhere.test/log", new byte[32]);
        String foreign = other.sign(new Checkpoint("elsewhere.test/log", 1, tree.root(), List.of()).format());
        assertThat(post(http, url, new AddCheckpoint(0, List.of(), foreign).format())
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(405);
        assertThat(post(http, url, "nonsense").statusCode()).isEqualTo(400);

        command.stop.countDown();
        running.join(Duration.ofSeconds(5));
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(Files.getPosixFilePermissions(key).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    private static HttpResponse<String> post(HttpClient http, URI url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
