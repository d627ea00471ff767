package io.classcord.storage;

import java.nio.file.Path;

import io.classcord.storage.sqlite.SqliteBackup;

/** Online backups of a live Classcord database. */
public final class DatabaseBackup {

    private DatabaseBackup() {
    }

    /**
     * Writes a consistent copy of {@code database} to {@code target} while the server may be writing
     * to it, checks the copy's integrity, and only then gives it its final name. On failure nothing is
     * left at {@code target}.
     *
     * @param database an existing Classcord database (never created here)
     * @param target   a file that must not exist yet; its directory is created owner-only if missing
     * @throws StorageException if the copy cannot be made or fails its integrity check
     */
    public static BackupResult copy(Path database, Path target) {
        return SqliteBackup.copy(database, target);
    }
}
