package io.classcord.storage.sqlite;

import static io.classcord.storage.sqlite.TestStores.cheapArgon;
import static io.classcord.storage.sqlite.TestStores.rows;
import static io.classcord.storage.sqlite.TestStores.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import io.classcord.storage.ImportReport;
import io.classcord.storage.StorageException;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.password.PasswordHasher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyImportTest {

    @TempDir
    Path dir;

    /** A database as the course's Python server leaves it. */
    private Path courseDatabase() throws Exception {
        Path course = dir.resolve("course/chat.db");
        Files.createDirectories(course.getParent());
        try (Connection c = TestStores.jdbc(course); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, "
                    + "password TEXT NOT NULL)");
            s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, channel TEXT, "
                    + "content TEXT, timestamp TEXT, FOREIGN KEY(user_id) REFERENCES users(id))");
            try (PreparedStatement users = c.prepareStatement("INSERT INTO users(id, username, password) VALUES (?, ?, ?)")) {
                insertUser(users, 1, "alice", "alice-pw");
                insertUser(users, 2, "bob", "bob-pw");
                insertUser(users, 3, "Carol", "carol-pw");
            }
            try (PreparedStatement messages = c.prepareStatement(
                    "INSERT INTO messages(user_id, channel, content, timestamp) VALUES (?, ?, ?, ?)")) {
                insertMessage(messages, 1, "general", "hi from alice", "2025-06-20T10:00:00.000001");
                insertMessage(messages, 2, "general", "hi from bob", "2025-06-20 10:00:01.000002");
                insertMessage(messages, 3, "random", "carol here", "2025-06-20T10:00:02");
                insertMessage(messages, 99, "general", "from a deleted user", "2025-06-20T10:00:03");
            }
        }
        return course;
    }

    @Test
    void importsUsersAndMessagesFromACourseDatabase() throws Exception {
        Path course = courseDatabase();
        byte[] before = Files.readAllBytes(course);
        Path file = dir.resolve("classcord.db");
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            store.register("ALICE", "new-alice-pw"); // already has an account here

            ImportReport report = store.importLegacy(course);

            assertEquals(new ImportReport(2, 1, 4, List.of(new ImportReport.SkippedAccount("alice", "ALICE"))), report);
            long existingAlice = store.authenticate("alice", "new-alice-pw").orElseThrow().id();
            assertTrue(store.authenticate("alice", "alice-pw").isEmpty(), "the existing account keeps its password");

            List<StoredMessage> general = store.history("general", 10);
            assertEquals(List.of("hi from alice", "hi from bob", "from a deleted user"),
                    general.stream().map(StoredMessage::content).toList());
            assertEquals(existingAlice, general.get(0).userId(), "alice's old messages belong to the existing alice");
            assertEquals("alice", general.get(0).sender());
            assertEquals("bob", general.get(1).sender());
            assertEquals("2025-06-20T10:00:01.000002", general.get(1).timestamp(), "wire format timestamp");
            assertNull(general.get(2).userId());
            assertEquals("Carol", store.history("random", 10).getFirst().sender());

            // Imported users keep the course hash until their first login...
            assertEquals(PasswordHasher.legacySha256Hex("bob-pw"),
                    scalar(file, "SELECT password FROM users WHERE username = 'bob'"));
            long bob = store.authenticate("BOB", "bob-pw").orElseThrow().id();
            assertEquals(bob, general.get(1).userId());
            // ...which upgrades it.
            assertTrue(((String) scalar(file, "SELECT password FROM users WHERE username = 'bob'")).startsWith("$argon2id$"));
            assertTrue(store.authenticate("carol", "carol-pw").isPresent());
        }
        assertArrayEquals(before, Files.readAllBytes(course), "the course database is only read");
        assertFalse(Files.exists(Path.of(course + "-wal")));
        assertFalse(Files.exists(Path.of(course + "-journal")));
    }

    @Test
    void aFailedImportLeavesNothingBehind() throws Exception {
        Path notCourse = dir.resolve("other.db");
        try (Connection c = TestStores.jdbc(notCourse); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE something (x)");
        }
        Path file = dir.resolve("classcord.db");
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            assertThrows(StorageException.class, () -> store.importLegacy(notCourse));
            assertThrows(StorageException.class, () -> store.importLegacy(dir.resolve("missing.db")));
            assertFalse(Files.exists(dir.resolve("missing.db")), "a missing course file is not created");

            // users without a messages column set that the import needs: the whole import rolls back
            Path broken = dir.resolve("broken.db");
            try (Connection c = TestStores.jdbc(broken); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT, password TEXT)");
                s.execute("INSERT INTO users VALUES (1, 'dave', '" + PasswordHasher.legacySha256Hex("x") + "')");
                s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY, user_id INTEGER)");
            }
            assertThrows(StorageException.class, () -> store.importLegacy(broken));
            assertFalse(store.isRegistered("dave"), "users from a failed import are rolled back");
        }
        assertEquals(List.of(), rows(file, "SELECT * FROM messages"));
    }

    private static void insertUser(PreparedStatement users, int id, String name, String password) throws Exception {
        users.setInt(1, id);
        users.setString(2, name);
        users.setString(3, PasswordHasher.legacySha256Hex(password));
        users.executeUpdate();
    }

    private static void insertMessage(PreparedStatement messages, int userId, String channel, String content,
                                      String timestamp) throws Exception {
        messages.setInt(1, userId);
        messages.setString(2, channel);
        messages.setString(3, content);
        messages.setString(4, timestamp);
        messages.executeUpdate();
    }
}
