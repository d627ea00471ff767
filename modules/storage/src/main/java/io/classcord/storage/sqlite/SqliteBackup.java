package io.classcord.storage.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.classcord.storage.BackupResult;
import io.classcord.storage.StorageException;

import org.sqlite.SQLiteConfig;

/**
 * {@code VACUUM INTO} a temporary file next to the target, {@code PRAGMA integrity_check} on it,
 * then an atomic rename. {@code VACUUM INTO} reads inside one transaction, so the copy is a
 * snapshot even while the server commits; in WAL mode it does not block the server's writer.
 */
public final class SqliteBackup {

    private SqliteBackup() {
    }

    /** See {@link io.classcord.storage.DatabaseBackup#copy}. */
    public static BackupResult copy(Path database, Path target) {
        Path source = database.toAbsolutePath().normalize();
        Path destination = target.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new StorageException("No database to back up at " + source);
        }
        if (Files.exists(destination)) {
            throw new StorageException("The backup file already exists: " + destination);
        }
        Path partial = destination.resolveSibling(destination.getFileName() + ".partial");
        try {
            // DatabaseFile.prepare creates the directory 0700 and an empty 0600 file, which
            // VACUUM INTO accepts and keeps: the copy is never readable by others, even briefly.
            Files.deleteIfExists(partial);
            DatabaseFile.prepare(partial);
            vacuumInto(source, partial);
            BackupResult checked = check(partial, destination);
            Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
            return checked;
        } catch (IOException | SQLException e) {
            throw new StorageException("Backup of " + source + " to " + destination + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + "-journal"));
            } catch (IOException e) {
                // Best effort: the error that matters has already been thrown.
            }
        }
    }

    private static void vacuumInto(Path source, Path partial) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(SqliteDbClient.BUSY_TIMEOUT_MILLIS);
        // Without CREATE: a mistyped path must fail, not back up a new empty database.
        config.resetOpenMode(org.sqlite.SQLiteOpenMode.CREATE);
        try (Connection live = config.createConnection("jdbc:sqlite:" + source);
             PreparedStatement vacuum = live.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, partial.toString());
            vacuum.execute();
        }
    }

    private static BackupResult check(Path partial, Path destination) throws SQLException, IOException {
        try (Connection copy = new SQLiteConfig().createConnection("jdbc:sqlite:" + partial);
             Statement statement = copy.createStatement()) {
            // A single self-contained file: no -wal or -shm to forget when copying the backup around.
            statement.execute("PRAGMA journal_mode=DELETE");
            String verdict = single(statement, "PRAGMA integrity_check");
            if (!"ok".equals(verdict)) {
                throw new StorageException("The copy failed its integrity check: " + verdict);
            }
            long users = Long.parseLong(single(statement, "SELECT count(*) FROM users"));
            long messages = Long.parseLong(single(statement, "SELECT count(*) FROM messages"));
            return new BackupResult(destination, Files.size(partial), users, messages);
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : "";
        }
    }
}
