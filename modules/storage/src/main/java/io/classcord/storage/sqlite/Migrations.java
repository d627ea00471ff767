package io.classcord.storage.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.classcord.identity.Identity;

import io.classcord.storage.StorageException;

import io.helidon.dbclient.DbClient;

/**
 * Versioned schema changes, each applied once, in its own transaction, recorded in
 * {@code schema_version}.
 *
 * <p>Migration 1 is the course's schema verbatim, so the course's scripts keep reading our file.
 * Everything Classcord needs is added around it rather than by changing those tables' definitions.
 * Because migration 1 uses {@code IF NOT EXISTS}, a course database can also be opened in place.
 *
 * <p>Append new migrations at the end; never edit one that has shipped.
 */
final class Migrations {

    /** One schema change; {@code apply} runs inside the migration's transaction. */
    record Migration(int version, String description, SqlTransactions.Work<Void> apply) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "course schema: users and messages", Migrations::courseSchema),
            new Migration(2, "accounts: username_key, role, banned, created_at, last_login; "
                    + "messages: sender, recipient; history indexes", Migrations::classcordColumns),
            new Migration(3, "accounts: username_key is the confusable skeleton (UTS #39)", Migrations::skeletonKeys));

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    /** Applies the migrations {@code db} has not seen yet; returns how many were applied. */
    static int apply(DbClient db, Clock clock) {
        try (Connection connection = db.unwrap(Connection.class)) {
            SqlTransactions.execute(connection, """
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at TEXT NOT NULL)""");
            int applied = 0;
            for (Migration migration : ALL) {
                // Checked inside the write-locked transaction: two processes opening the same new
                // file at once serialise here, and the second sees the first's work.
                boolean ran = SqlTransactions.inTransaction(connection, c -> {
                    if (isApplied(c, migration.version())) {
                        return false;
                    }
                    migration.apply().run(c);
                    try (PreparedStatement record = c.prepareStatement(
                            "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
                        record.setInt(1, migration.version());
                        record.setString(2, migration.description());
                        record.setString(3, clock.instant().toString());
                        record.executeUpdate();
                    }
                    return true;
                });
                if (ran) {
                    applied++;
                    LOG.log(System.Logger.Level.INFO, "Applied schema migration {0}: {1}",
                            migration.version(), migration.description());
                }
            }
            return applied;
        } catch (SQLException e) {
            throw new StorageException("Schema migration failed", e);
        }
    }

    private static boolean isApplied(Connection c, int version) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            query.setInt(1, version);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        }
    }

    /** The course's DDL, unchanged. */
    private static Void courseSchema(Connection c) throws SQLException {
        SqlTransactions.execute(c, """
                CREATE TABLE IF NOT EXISTS users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    username TEXT UNIQUE NOT NULL,
                    password TEXT NOT NULL)""");
        SqlTransactions.execute(c, """
                CREATE TABLE IF NOT EXISTS messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    user_id INTEGER,
                    channel TEXT,
                    content TEXT,
                    timestamp TEXT,
                    FOREIGN KEY(user_id) REFERENCES users(id))""");
        return null;
    }

    private static Void classcordColumns(Connection c) throws SQLException {
        // ALTER TABLE ... ADD COLUMN cannot add UNIQUE, so username_key gets a unique index below.
        SqlTransactions.execute(c, "ALTER TABLE users ADD COLUMN username_key TEXT");
        SqlTransactions.execute(c,
                "ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin'))");
        SqlTransactions.execute(c,
                "ALTER TABLE users ADD COLUMN banned INTEGER NOT NULL DEFAULT 0 CHECK (banned IN (0, 1))");
        SqlTransactions.execute(c, "ALTER TABLE users ADD COLUMN created_at TEXT");
        SqlTransactions.execute(c, "ALTER TABLE users ADD COLUMN last_login TEXT");
        SqlTransactions.execute(c, "ALTER TABLE messages ADD COLUMN sender TEXT");
        SqlTransactions.execute(c, "ALTER TABLE messages ADD COLUMN recipient TEXT");

        backfillUsernameKeys(c);
        SqlTransactions.execute(c, """
                UPDATE messages SET sender = (SELECT username FROM users WHERE users.id = messages.user_id)
                WHERE sender IS NULL""");

        SqlTransactions.execute(c, "CREATE UNIQUE INDEX users_username_key ON users(username_key)");
        // History reads "the last N channel messages": a backwards range scan on (channel, id).
        // Partial, because private messages are never part of a channel's history.
        SqlTransactions.execute(c,
                "CREATE INDEX messages_channel_history ON messages(channel, id) WHERE recipient IS NULL");
        SqlTransactions.execute(c, "CREATE INDEX messages_timestamp ON messages(timestamp)");
        return null;
    }

    /**
     * Keys become confusable skeletons, so {@code vіctim} (Cyrillic {@code і}) is the same account as
     * {@code victim}. Recomputed for every row, in id order: where two existing accounts now share a
     * key, the older keeps it, as when migration 2 first assigned keys.
     */
    private static Void skeletonKeys(Connection c) throws SQLException {
        SqlTransactions.execute(c, "UPDATE users SET username_key = NULL");
        backfillUsernameKeys(c);
        return null;
    }

    /**
     * Only rows that predate this migration (a course database opened in place) lack a key; SQL
     * cannot compute NFKC, so it is done here. When the course let both {@code Alice} and
     * {@code alice} register, the older account keeps the name and the newer one keeps a NULL key:
     * it stays in the table, readable by the course's scripts, but can no longer log in.
     */
    private static void backfillUsernameKeys(Connection c) throws SQLException {
        Set<String> taken = new HashSet<>();
        int unreachable = 0;
        try (PreparedStatement users = c.prepareStatement("SELECT id, username FROM users ORDER BY id");
             PreparedStatement setKey = c.prepareStatement("UPDATE users SET username_key = ? WHERE id = ?");
             ResultSet rows = users.executeQuery()) {
            while (rows.next()) {
                String key = Identity.key(rows.getString("username"));
                if (taken.add(key)) {
                    setKey.setString(1, key);
                    setKey.setLong(2, rows.getLong("id"));
                    setKey.executeUpdate();
                } else {
                    unreachable++;
                }
            }
        }
        if (unreachable > 0) {
            LOG.log(System.Logger.Level.WARNING,
                    "{0} existing accounts differ from an older account only by case, Unicode form or look-alike characters; "
                            + "they were kept but cannot log in", unreachable);
        }
    }
}
