package org.rastro.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Files only their owner may read: keys and demo credentials. Created with mode 0600 from the start. */
public final class OwnerOnlyFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerOnlyFiles() {}

    /** Writes a new file readable and writable by its owner only; replaces an existing one. */
    public static void write(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the file inherits the directory's permissions
            Files.createFile(file);
        }
        Files.write(file, content);
    }

    /**
     * A 32-byte random secret kept in an owner-only file: read if it exists, created on first use.
     * {@code what} names it in errors.
     */
    public static byte[] secret32(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                write(file, fresh);
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length != 32) {
                throw new IllegalStateException(what + " " + file + " must hold 32 bytes, it holds " + secret.length);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " " + file, e);
        }
    }
}
