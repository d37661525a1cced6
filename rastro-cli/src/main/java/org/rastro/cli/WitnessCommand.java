package org.rastro.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rastro.ledger.witness.Witness;
import org.rastro.ledger.witness.WitnessLauncher;
import org.rastro.ledger.witness.WitnessServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A witness another institution runs beside Rastro, with no database and no Spring: it answers the C2SP
 * tlog-witness {@code add-checkpoint} call for the logs it was told to witness, cosigning a checkpoint
 * only when it extends, consistently, the last one it cosigned. Its keys are files of its own (created on
 * first start, owner-only); its state a directory of small files. The server jar's {@code witness} mode is
 * the same witness ({@link WitnessLauncher}).
 *
 * <pre>rastro witness --name auditoria.example/w1 --key-file w1.key --state w1-state \
 *     --log "$(curl -s localhost:8080/ledger/vkey)" --listen 127.0.0.1:7380</pre>
 */
@Command(
        name = "witness",
        mixinStandardHelpOptions = true,
        description = "Run a C2SP tlog-witness for Rastro custody logs / un testigo que cofirma la bitácora")
final class WitnessCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--name", required = true, description = "the witness's key name, e.g. auditoria.example/w1")
    String name;

    @Option(names = "--key-file", required = true, description = "the witness's private seed (created if missing)")
    Path keyFile;

    @Option(names = "--state", required = true, description = "directory of the witness's durable state")
    Path state;

    @Option(
            names = "--log",
            required = true,
            description = "a witnessed log's verifier key (name+id+key, as /ledger/vkey serves it); repeatable")
    List<String> logs;

    @Option(names = "--listen", defaultValue = "127.0.0.1:7380", description = "host:port to listen on")
    String listen;

    @Option(
            names = "--per-second",
            defaultValue = "" + Witness.DEFAULT_PER_SECOND,
            description = "most add-checkpoint requests a second for one log (429 beyond)")
    int perSecond;

    /** Set by tests: the server, once started; and a latch that stops it. */
    volatile WitnessServer server;

    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public void run() {
        WitnessLauncher.Running running;
        try {
            running =
                    WitnessLauncher.start(new WitnessLauncher.Settings(name, keyFile, state, logs, listen, perSecond));
        } catch (IOException e) {
            throw new IllegalStateException("the witness cannot start: " + e.getMessage(), e);
        }
        server = running.server();
        try {
            var out = spec.commandLine().getOut();
            WitnessLauncher.describe(running, name).forEach(out::println);
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
