package io.classcord.storage.sqlite;

import static io.classcord.storage.sqlite.TestStores.cheapArgon;
import static io.classcord.storage.sqlite.TestStores.rows;
import static io.classcord.storage.sqlite.TestStores.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.classcord.storage.NewMessage;
import io.classcord.storage.StoreSettings;
import io.classcord.storage.password.PasswordHasher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {

    @TempDir
    Path dir;

    @Test
    void createsTheCourseTablesWithTheirColumnsAndOurAdditions() throws Exception {
        Path file = dir.resolve("classcord.db");
        SqliteChatStore.open(cheapArgon(file)).close();

        // PRAGMA table_info: cid, name, type, notnull, dflt_value, pk
        Map<String, List<Object>> users = columns(file, "users");
        assertEquals(List.of("INTEGER", 0, 1), users.get("id"));
        assertEquals(List.of("TEXT", 1, 0), users.get("username"));
        assertEquals(List.of("TEXT", 1, 0), users.get("password"));
        assertEquals(List.of("TEXT", 0, 0), users.get("username_key"));
        assertEquals(List.of("TEXT", 1, 0), users.get("role"));
        assertEquals(List.of("INTEGER", 1, 0), users.get("banned"));
        assertTrue(users.containsKey("created_at"));
        assertTrue(users.containsKey("last_login"));
        assertEquals(List.of("id", "username", "password", "username_key", "role", "banned", "created_at", "last_login"),
                List.copyOf(users.keySet()), "course columns first, in the course's order");

        Map<String, List<Object>> messages = columns(file, "messages");
        assertEquals(List.of("id", "user_id", "channel", "content", "timestamp", "sender", "recipient"),
                List.copyOf(messages.keySet()));
        assertEquals(List.of("INTEGER", 0, 1), messages.get("id"));
        assertEquals(List.of("INTEGER", 0, 0), messages.get("user_id"));

        // foreign_key_list: id, seq, table, from, to, ...
        List<List<Object>> fks = rows(file, "PRAGMA foreign_key_list(messages)");
        assertEquals(1, fks.size());
        assertEquals(List.of("users", "user_id", "id"), fks.getFirst().subList(2, 5));

        assertTrue((Integer) scalar(file, "SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'") == 2,
                "both course tables keep AUTOINCREMENT ids");
        List<String> indexes = rows(file, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                .stream().map(r -> (String) r.getFirst()).sorted().toList();
        assertEquals(List.of("messages_channel_history", "messages_timestamp", "users_username_key"), indexes);
        assertEquals(1, scalar(file, "SELECT \"unique\" FROM pragma_index_list('users') WHERE name = 'users_username_key'"));
        assertEquals("wal", scalar(file, "PRAGMA journal_mode"));
    }

    @Test
    void theDatabaseRefusesImpossibleRolesAndBanFlags() throws Exception {
        Path file = dir.resolve("classcord.db");
        SqliteChatStore.open(cheapArgon(file)).close();
        TestStores.update(file, "INSERT INTO users(username, password, username_key) VALUES ('a', 'x', 'a')");
        assertThrows(java.sql.SQLException.class, () -> TestStores.update(file, "UPDATE users SET role = 'root'"));
        assertThrows(java.sql.SQLException.class, () -> TestStores.update(file, "UPDATE users SET banned = 2"));
        assertEquals(List.of(List.of("user", 0)), rows(file, "SELECT role, banned FROM users"));
    }

    @Test
    void reopeningAppliesNothingTwice() throws Exception {
        Path file = dir.resolve("classcord.db");
        SqliteChatStore.open(cheapArgon(file)).close();
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            assertEquals(0, Migrations.apply(store.dbClient(), Clock.systemUTC()));
        }
        List<List<Object>> versions = rows(file, "SELECT version FROM schema_version ORDER BY version");
        assertEquals(Migrations.ALL.stream().map(m -> List.<Object>of(m.version())).toList(), versions);
        assertEquals(Migrations.ALL.size(), versions.size());
    }

    @Test
    void createsParentDirectoriesAndOwnerOnlyFiles() throws Exception {
        Path file = dir.resolve("var/lib/classcord/classcord.db");
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            store.append(new NewMessage(null, "guest", "general", null, "hello", "2025-06-20T17:12:40.123456"));
            assertEquals("rw-------", mode(file));
            // While the store is open, WAL mode keeps its sidecar files; SQLite must give them the main file's mode.
            assertEquals("rw-------", mode(Path.of(file + "-wal")));
            assertEquals("rw-------", mode(Path.of(file + "-shm")));
        }
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals("rwx------", mode(dir.resolve("var")));
    }

    @Test
    void tightensAnExistingWorldReadableFile() throws Exception {
        Path file = dir.resolve("classcord.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        SqliteChatStore.open(cheapArgon(file)).close();
        assertEquals("rw-------", mode(file));
    }

    @Test
    void refusesADirectoryAsTheDatabaseFile() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve("classcord.db"));
        String before = mode(notAFile);
        assertThrows(io.classcord.storage.StorageException.class, () -> SqliteChatStore.open(cheapArgon(notAFile)));
        assertEquals(before, mode(notAFile), "its mode is left alone");
    }

    @Test
    void everyPooledConnectionCarriesThePragmas() {
        Path file = dir.resolve("classcord.db");
        try (SqliteChatStore full = SqliteChatStore.open(cheapArgon(file))) {
            assertEquals(2L, pragma(full, "synchronous"), "FULL");
            assertEquals(1L, pragma(full, "foreign_keys"));
            assertEquals((long) SqliteDbClient.BUSY_TIMEOUT_MILLIS, pragma(full, "busy_timeout"));
        }
        StoreSettings normal = new StoreSettings(file, "normal", 512, 1024, 1, 1);
        try (SqliteChatStore store = SqliteChatStore.open(normal)) {
            assertEquals(1L, pragma(store, "synchronous"), "NORMAL");
        }
    }

    @Test
    void rejectsBadSettingsBeforeCreatingAnything() {
        Path file = dir.resolve("sub/classcord.db");
        assertThrows(IllegalArgumentException.class,
                () -> SqliteChatStore.open(new StoreSettings(file, "SOMETIMES", 512, 1024, 1, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> SqliteChatStore.open(new StoreSettings(file, "FULL", 0, 1024, 1, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> SqliteChatStore.open(new StoreSettings(file, "FULL", 512, 4, 1, 1)));
        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void opensACourseDatabaseInPlaceAndKeepsItsData() throws Exception {
        Path file = dir.resolve("course.db");
        try (Connection c = TestStores.jdbc(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, "
                    + "password TEXT NOT NULL)");
            s.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, channel TEXT, "
                    + "content TEXT, timestamp TEXT, FOREIGN KEY(user_id) REFERENCES users(id))");
            s.execute("INSERT INTO users(username, password) VALUES ('Alice', '" + PasswordHasher.legacySha256Hex("pw") + "')");
            s.execute("INSERT INTO users(username, password) VALUES ('alice', '" + PasswordHasher.legacySha256Hex("pw2") + "')");
            s.execute("INSERT INTO messages(user_id, channel, content, timestamp) VALUES (1, 'general', 'hi', 'x')");
        }
        try (SqliteChatStore store = SqliteChatStore.open(cheapArgon(file))) {
            assertTrue(store.authenticate("ALICE", "pw").isPresent(), "the older account owns the name");
            assertFalse(store.authenticate("alice", "pw2").isPresent(), "its case twin cannot log in any more");
            assertEquals("Alice", store.history("general", 10).getFirst().sender());
        }
        assertEquals(2, scalar(file, "SELECT COUNT(*) FROM users"));
    }

    private static Map<String, List<Object>> columns(Path file, String table) throws Exception {
        return rows(file, "PRAGMA table_info(" + table + ")").stream().collect(Collectors.toMap(
                r -> (String) r.get(1), r -> List.of(r.get(2), r.get(3), r.get(5)),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static long pragma(SqliteChatStore store, String name) {
        // Through the store's own pool: a fresh JDBC connection would show SQLite's defaults, not ours.
        Object value = store.dbClient().execute().get("PRAGMA " + name).orElseThrow().column(1).get(Object.class);
        return ((Number) value).longValue();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
