package org.rastro.ledger.witness;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A witness's state in a directory, one small file per log (named by the SHA-256 of its origin): its
 * last cosigned size and root, written to a temporary file, forced to disk and moved into place, so a
 * crash leaves the old state or the new one, never half of either. No database: a witness runs apart.
 *
 * <p>Thread-safe: updates are serialised on this object (one witness process owns its directory).
 */
public final class FileWitnessState implements WitnessState {

    private final Path directory;

    public FileWitnessState(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the witness state directory " + directory, e);
        }
    }

    @Override
    public synchronized Optional<Latest> latest(String origin) {
        Path file = file(origin);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            if (in.remaining() != 8 + 32) {
                throw new IllegalStateException("the witness state of " + origin + " is damaged: " + file);
            }
            long size = in.getLong();
            byte[] root = new byte[32];
            in.get(root);
            return Optional.of(new Latest(size, root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the witness state " + file, e);
        }
    }

    @Override
    public synchronized boolean compareAndSet(String origin, Optional<Latest> expected, Latest next) {
        Optional<Latest> now = latest(origin);
        if (!same(now, expected)) {
            return false;
        }
        Path file = file(origin);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] bytes = ByteBuffer.allocate(8 + 32)
                .putLong(next.size())
                .put(next.root())
                .array();
        try (FileChannel out = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(bytes));
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the witness state " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the witness state into place " + file, e);
        }
        return true;
    }

    private static boolean same(Optional<Latest> a, Optional<Latest> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() && b.isEmpty();
        }
        return a.get().size() == b.get().size()
                && Arrays.equals(a.get().root(), b.get().root());
    }

    private Path file(String origin) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(hash) + ".state");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
