package org.rastro.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only their owner may read: keys and demo credentials. Created with mode 0600 from the start. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Writes a new file readable and writable by its owner only; replaces an existing one. */
    public static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the file inherits the directory's permissions
            Files.createFile(file);
        }
        Files.write(file, content);
    }
}
