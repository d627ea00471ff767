package io.classcord.storage.sqlite;

import io.classcord.identity.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.classcord.storage.ImportReport;
import io.classcord.storage.StorageException;

import io.helidon.dbclient.DbClient;

import org.sqlite.SQLiteConfig;

/**
 * Copies users and messages from a database written by the course's Python server.
 *
 * <p>The course file is opened read-only through plain JDBC: it is someone else's data, possibly
 * still used by a running course server, and must not be modified or even have a WAL created
 * next to it. Everything is written in one transaction on our side, so an import either happens
 * completely or not at all and can simply be retried. While it runs it holds the write lock:
 * appends wait for it (up to the busy timeout), which is why imports are meant for setup time.
 */
final class LegacyImporter {

    /** Python's default datetime adapter writes "2025-06-20 17:12:40.123456"; the wire format has a 'T'. */
    private static final Pattern SPACE_SEPARATED_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:.*");

    /** Where a course user's messages go on our side, and the name shown as their sender. */
    private record Owner(long id, String username) {
    }

    private final DbClient db;
    private final Clock clock;

    LegacyImporter(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    ImportReport importFrom(Path courseDatabase, Map<String, String> renames) {
        Path source = courseDatabase.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new StorageException("No course database at " + source);
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection course = readOnly.createConnection("jdbc:sqlite:" + source)) {
            if (!hasTable(course, "users")) {
                throw new StorageException(source + " is not a course database: it has no users table");
            }
            return SqlTransactions.run(db, ours -> copy(course, ours, renames));
        } catch (SQLException e) {
            throw new StorageException("Could not import the course database " + source, e);
        }
    }

    private ImportReport copy(Connection course, Connection ours, Map<String, String> renames) throws SQLException {
        Map<Long, Owner> owners = new HashMap<>();
        List<ImportReport.SkippedAccount> skippedAccounts = new ArrayList<>();
        int imported = 0;
        int skipped = 0;
        String now = clock.instant().toString();
        try (Statement statement = course.createStatement();
             ResultSet users = statement.executeQuery("SELECT id, username, password FROM users ORDER BY id");
             PreparedStatement insert = ours.prepareStatement("""
                     INSERT INTO users(username, password, username_key, role, banned, created_at)
                     VALUES (?, ?, ?, 'user', 0, ?)
                     ON CONFLICT DO NOTHING""");
             PreparedStatement lastId = ours.prepareStatement("SELECT last_insert_rowid()");
             PreparedStatement existing = ours.prepareStatement("""
                     SELECT id FROM users WHERE username_key = ?
                     UNION ALL SELECT id FROM users WHERE username = ?
                     LIMIT 1""")) {
            while (users.next()) {
                long legacyId = users.getLong("id");
                String username = users.getString("username");
                String password = users.getString("password");
                if (username == null || password == null) {
                    skipped++;
                    skippedAccounts.add(new ImportReport.SkippedAccount(username == null ? "" : username, null));
                    continue;
                }
                username = renames.getOrDefault(username, username);
                String key = Identity.key(username);
                // The course hash is kept as is: PasswordHasher recognises it and upgrades it to
                // Argon2id at the user's first login, the only moment the password is known.
                insert.setString(1, username);
                insert.setString(2, password);
                insert.setString(3, key);
                insert.setString(4, now);
                long id;
                if (insert.executeUpdate() == 1) {
                    imported++;
                    id = singleLong(lastId);
                } else {
                    // The name already belongs to an account here; that account also owns the old messages.
                    skipped++;
                    existing.setString(1, key);
                    existing.setString(2, username);
                    id = singleLong(existing);
                    skippedAccounts.add(new ImportReport.SkippedAccount(username, nameOf(ours, id)));
                }
                owners.put(legacyId, new Owner(id, username));
            }
        }
        int messages = hasTable(course, "messages") ? copyMessages(course, ours, owners) : 0;
        return new ImportReport(imported, skipped, messages, skippedAccounts);
    }

    private static String nameOf(Connection ours, long id) throws SQLException {
        try (PreparedStatement name = ours.prepareStatement("SELECT username FROM users WHERE id = ?")) {
            name.setLong(1, id);
            try (ResultSet row = name.executeQuery()) {
                return row.next() ? row.getString(1) : "?";
            }
        }
    }

    private static int copyMessages(Connection course, Connection ours, Map<Long, Owner> owners) throws SQLException {
        int copied = 0;
        try (Statement statement = course.createStatement();
             ResultSet rows = statement.executeQuery("SELECT user_id, channel, content, timestamp FROM messages ORDER BY id");
             PreparedStatement insert = ours.prepareStatement("""
                     INSERT INTO messages(user_id, sender, channel, recipient, content, timestamp)
                     VALUES (?, ?, ?, NULL, ?, ?)""")) {
            while (rows.next()) {
                // The course never enabled foreign keys, so user_id may point at nobody; such a
                // message is kept without an owner rather than dropped.
                Owner owner = rows.getObject("user_id") instanceof Number legacyUser
                        ? owners.get(legacyUser.longValue())
                        : null;
                insert.setObject(1, owner == null ? null : owner.id());
                insert.setString(2, owner == null ? null : owner.username());
                insert.setString(3, rows.getString("channel"));
                insert.setString(4, rows.getString("content"));
                insert.setString(5, wireTimestamp(rows.getString("timestamp")));
                insert.executeUpdate();
                copied++;
            }
        }
        return copied;
    }

    private static long singleLong(PreparedStatement query) throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            if (!result.next()) {
                throw new SQLException("Expected a row from " + query);
            }
            return result.getLong(1);
        }
    }

    private static String wireTimestamp(String stored) {
        if (stored != null && SPACE_SEPARATED_TIMESTAMP.matcher(stored).matches()) {
            return stored.substring(0, 10) + 'T' + stored.substring(11);
        }
        return stored;
    }

    private static boolean hasTable(Connection course, String table) throws SQLException {
        try (PreparedStatement query = course.prepareStatement(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, table);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        }
    }
}
