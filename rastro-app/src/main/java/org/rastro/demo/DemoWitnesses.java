package org.rastro.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.rastro.RastroApplication;
import org.rastro.ledger.witness.Witness;
import org.rastro.ledger.witness.WitnessLauncher;
import org.rastro.log.LogSigner;
import org.rastro.system.RastroProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code ./rastro demo} starts two witnesses of its own, so the auditor's page shows cosigned checkpoints from
 * the first minute. They are invented institutions, named as such, running inside the demo's process on
 * loopback ports — real witnesses (the same code as {@code rastro witness}), but no independent party: a real
 * deployment lists witnesses other institutions run (docs/WITNESS.md). Their keys and state live under
 * {@code <data-dir>/demo-witnesses}; their policy (both must cosign) is written there at each start.
 */
@Component
class DemoWitnesses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoWitnesses.class);

    /** The demo's witnesses: the name in the policy and the key name, both saying they are a demonstration. */
    private static final List<String[]> WITNESSES = List.of(
            new String[] {"auditoria-demo", "auditoria-ficticia.demo.rastro.example/testigo"},
            new String[] {"derechos-humanos-demo", "derechos-humanos-ficticia.demo.rastro.example/testigo"});

    private final RastroProperties properties;
    private final LogSigner signer;
    private final List<WitnessLauncher.Running> running = new ArrayList<>();

    DemoWitnesses(RastroProperties properties, LogSigner signer) {
        this.properties = properties;
        this.signer = signer;
    }

    /** Only for the demo, and only when its policy is the demo's own (an operator's policy is left alone). */
    private boolean wanted() {
        Path policy = properties.ledger().witnessPolicy();
        return properties.demo().enabled()
                && policy != null
                && policy.toAbsolutePath()
                        .normalize()
                        .equals(properties.dataDir().resolve(RastroApplication.DEMO_WITNESS_POLICY));
    }

    @Override
    public void start() {
        if (!wanted()) {
            return;
        }
        Path dir = properties.dataDir().resolve(RastroApplication.DEMO_WITNESS_DIR);
        StringBuilder policy = new StringBuilder("""
                # The demo's own witnesses: invented institutions, run inside the demo's process. A real deployment
                # lists witnesses that other institutions run (docs/WITNESS.md). Rewritten at every demo start.
                """);
        try {
            for (String[] w : WITNESSES) {
                WitnessLauncher.Running r = WitnessLauncher.start(new WitnessLauncher.Settings(
                        w[1],
                        dir.resolve(w[0] + ".key"),
                        dir.resolve(w[0] + "-state"),
                        List.of(signer.verifierKey().format()),
                        "127.0.0.1:0",
                        Witness.DEFAULT_PER_SECOND));
                running.add(r);
                var address = r.server().address();
                policy.append(r.keys().policyLine(w[0], "http://127.0.0.1:" + address.getPort() + "/"))
                        .append('\n');
            }
            policy.append("group testigos-demo all auditoria-demo derechos-humanos-demo\nquorum testigos-demo\n");
            Path file = dir.resolve("policy");
            Path temporary = dir.resolve("policy.tmp");
            Files.writeString(temporary, policy, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Two demo witnesses cosign the custody log; their policy is {}", file);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("the demo's witnesses cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        running.forEach(WitnessLauncher.Running::close);
        running.clear();
    }

    @Override
    public boolean isRunning() {
        return !running.isEmpty();
    }

    /** Before the log and its witnessing start, after they stop. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3;
    }
}
