package org.rastro.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.rastro.ledger.witness.WitnessPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness policy as its file says, read again whenever the file changes, so a witness is added or
 * replaced without a restart. A file that does not parse leaves the last good policy in force, and the
 * error is kept for the auditor's page.
 */
final class WitnessPolicyFile {

    private static final Logger log = LoggerFactory.getLogger(WitnessPolicyFile.class);

    /**
     * Why the last read of the file failed: it could not be read, or a line (1-based; 0 for the whole file, as
     * a missing quorum) is wrong — with that line's text, so the page can quote it.
     */
    public record Problem(String file, boolean unreadable, int line, String text) {}

    /** The policy in force, and why the last read failed if it did. */
    record Loaded(WitnessPolicy policy, Problem problem) {}

    private final Path file;
    private FileTime readAt;
    private volatile Loaded loaded = new Loaded(WitnessPolicy.NONE, null);

    WitnessPolicyFile(Path file) {
        this.file = file;
    }

    Loaded current() {
        return loaded;
    }

    /** Reads the file again if it changed since the last read; called from one thread. */
    Loaded refresh() {
        if (file == null) {
            return loaded;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(readAt)) {
                return loaded;
            }
            readAt = modified;
            WitnessPolicy policy = WitnessPolicy.parse(Files.readString(file));
            loaded = new Loaded(policy, null);
            log.info(
                    "Witness policy {}: {} witnesses, quorum {}",
                    file,
                    policy.witnesses().size(),
                    policy.quorumName());
        } catch (IOException | IllegalArgumentException e) {
            Problem problem = e instanceof WitnessPolicy.Invalid invalid
                    ? new Problem(file.toString(), false, invalid.line(), invalid.text())
                    : new Problem(file.toString(), true, 0, "");
            if (!problem.equals(loaded.problem())) {
                log.error(
                        "The witness policy {} cannot be used; the previous policy stays in force: {}",
                        file,
                        e.toString());
            }
            loaded = new Loaded(loaded.policy(), problem);
        }
        return loaded;
    }
}
