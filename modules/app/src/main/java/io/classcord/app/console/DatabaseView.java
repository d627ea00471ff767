package io.classcord.app.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.classcord.admin.api.Page;
import io.classcord.admin.api.StoredChatMessage;
import io.classcord.admin.api.UserAccount;

/**
 * {@code view} without a running server, as the course's admin_view.py did: the database opened
 * read-only ({@code mode=ro}), never created, migrated or written, and no side file left beside it. Its pages have the admin API's shape,
 * so that the console prints them the same way.
 */
final class DatabaseView {

    /** SQLITE_OPEN_READONLY, in sqlite-jdbc's open_mode property. */
    private static final String READ_ONLY = "1";

    private DatabaseView() {
    }

    /** The users by name and the {@code limit} newest messages, newest first. */
    static Snapshot read(Path database, int limit, String configDescription, Messages texts) {
        Path file = database.toAbsolutePath();
        if (!Files.exists(file)) {
            throw new ConsoleException(ConsoleException.FAILED, texts.t("db.missing", file, configDescription));
        }
        if (!Files.isReadable(file)) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("db.denied", file));
        }
        Properties properties = new Properties();
        properties.setProperty("open_mode", READ_ONLY);
        // The database is in WAL mode: even read-only, SQLite creates the -wal and -shm files beside it
        // when they are missing, owned by whoever runs the console (root), which the service could then
        // not write. No -wal file means a clean stop: everything is in the database file, which is then
        // opened as immutable (no side files, no locks). With a -wal file (server running, or crashed),
        // plain read-only mode uses the side files that are there.
        boolean wal = Files.exists(Path.of(file + "-wal"));
        String url = "jdbc:sqlite:file:" + uriPath(file) + (wal ? "?mode=ro" : "?mode=ro&immutable=1");
        try (Connection db = DriverManager.getConnection(url, properties)) {
            List<UserAccount> users = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement("SELECT id, username, role, banned, created_at, last_login "
                    + "FROM users ORDER BY username COLLATE NOCASE, id");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    users.add(new UserAccount(rows.getLong(1), rows.getString(2), nz(rows.getString(3)), rows.getInt(4) != 0,
                            nz(rows.getString(5)), nz(rows.getString(6)), 0));
                }
            }
            List<StoredChatMessage> messages = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement("SELECT id, timestamp, channel, sender, recipient, content "
                    + "FROM messages ORDER BY id DESC LIMIT ?")) {
                query.setInt(1, limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new StoredChatMessage(rows.getLong(1), nz(rows.getString(2)), nz(rows.getString(3)),
                                nz(rows.getString(4)), nz(rows.getString(5)), nz(rows.getString(6))));
                    }
                }
            }
            long totalMessages;
            try (PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM messages");
                 ResultSet rows = query.executeQuery()) {
                totalMessages = rows.next() ? rows.getLong(1) : messages.size();
            }
            return new Snapshot(new Page<>(users, 0, users.size(), users.size()),
                    new Page<>(messages, 0, limit, totalMessages));
        } catch (SQLException e) {
            throw new ConsoleException(ConsoleException.FAILED, texts.t("db.failed", file, e.getMessage()));
        }
    }

    /** What {@code view} shows: the users and the newest messages, as the API's pages. */
    record Snapshot(Page<UserAccount> users, Page<StoredChatMessage> messages) {
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    /** A path inside an SQLite URI: '?', '#' and '%' would end or escape it. */
    private static String uriPath(Path file) {
        return file.toString().replace("%", "%25").replace("?", "%3f").replace("#", "%23");
    }
}
