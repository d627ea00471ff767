package io.classcord.storage.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import io.classcord.storage.StorageException;

/**
 * Creates the database file owner-only before SQLite ever touches it.
 *
 * <p>The file holds password hashes and private messages. If SQLite created it, it would get
 * 0644 under a typical umask, and there would be a window where it is world-readable even if we
 * chmod afterwards. SQLite gives its {@code -wal} and {@code -shm} files the mode of the main file,
 * so creating the main file 0600 covers them too; {@link #restrictSidecars} is a second line of
 * defence for files left behind by an older, laxer process.
 */
final class DatabaseFile {

    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final String[] SIDECAR_SUFFIXES = {"-wal", "-shm", "-journal"};

    private DatabaseFile() {
    }

    /**
     * Creates missing parent directories (0700) and the file (0600); tightens an existing file to 0600.
     *
     * @return the absolute path of the file
     */
    static Path prepare(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            boolean posix = isPosix(absolute);
            if (parent != null && !Files.isDirectory(parent)) {
                if (posix) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectories(parent);
                }
            }
            if (posix) {
                try {
                    Files.createFile(absolute, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
                } catch (FileAlreadyExistsException existing) {
                    requireRegularFile(absolute);
                    // Only touch the mode when it is too open: chmod fails on a file we can use but do not own.
                    if (!OWNER_READ_WRITE.containsAll(Files.getPosixFilePermissions(absolute))) {
                        Files.setPosixFilePermissions(absolute, OWNER_READ_WRITE);
                    }
                }
            } else if (!Files.exists(absolute)) {
                Files.createFile(absolute);
            } else {
                requireRegularFile(absolute);
            }
            return absolute;
        } catch (IOException e) {
            throw new StorageException("Cannot create the database file " + absolute, e);
        }
    }

    /** Makes any {@code -wal}, {@code -shm} or {@code -journal} file next to {@code file} owner-only. */
    static void restrictSidecars(Path file) {
        for (String suffix : SIDECAR_SUFFIXES) {
            Path sidecar = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(sidecar) && isPosix(sidecar)) {
                    Files.setPosixFilePermissions(sidecar, OWNER_READ_WRITE);
                }
            } catch (IOException e) {
                // SQLite may delete the file between exists() and chmod; nothing left to protect then.
            }
        }
    }

    private static void requireRegularFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new StorageException("The database path exists but is not a regular file: " + path);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
