package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.classcord.storage.ChatStore;
import io.classcord.storage.StoreSettings;
import io.classcord.testsupport.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classcord backup}: a checked copy of a live database, named by time, with retention. */
class BackupCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static long count(Path database, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next());
            return row.getLong(1);
        }
    }

    private List<Path> backups(Path backupDir) throws Exception {
        try (Stream<Path> files = Files.list(backupDir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void copiesTheLiveDatabaseOfARunningServer() throws Exception {
        Path backupDir = dir.resolve("backups");
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "");
             WireClient client = WireClient.connect(server.port())) {
            client.login("lea", "secret-lea");
            client.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"lea\",\"content\":\"avant la sauvegarde\"}");
            client.send("{\"type\":\"history\",\"channel\":\"#général\"}");
            client.nextMatching(o -> o.getString("type").equals("history") && !o.getJsonArray("messages").isEmpty());

            int code = main("--config", dir.resolve("test-config.yaml").toString(), "backup", "--dest", backupDir.toString());
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertEquals(0, server.terminate());
        }
        List<Path> written = backups(backupDir);
        assertEquals(1, written.size(), "one self-contained file, no -wal or leftover: " + written);
        Path copy = written.getFirst();
        assertTrue(copy.getFileName().toString().matches("classcord-\\d{8}-\\d{6}\\.db"), copy.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backupDir)));
        assertEquals(1, count(copy, "SELECT count(*) FROM users WHERE username = 'lea'"));
        assertEquals(1, count(copy, "SELECT count(*) FROM messages WHERE content = 'avant la sauvegarde'"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("integrity ok, 1 users, 1 messages"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keepsOnlyTheNewestCopies() throws Exception {
        Path database = dir.resolve("data/classcord.db");
        ChatStore.open(StoreSettings.defaults(database)).close();
        Path backupDir = dir.resolve("backups");
        Files.createDirectories(backupDir);
        Path unrelated = Files.writeString(backupDir.resolve("notes.txt"), "not a backup");
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        for (int hour = 0; hour < 4; hour++) {
            Clock clock = Clock.fixed(start.plusSeconds(3600L * hour), ZoneOffset.UTC);
            assertEquals(0, new BackupCommand(database, backupDir, 2, clock).run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        }
        assertEquals(List.of(backupDir.resolve("classcord-20260101-120000.db"), backupDir.resolve("classcord-20260101-130000.db"), unrelated),
                backups(backupDir));
    }

    @Test
    void aMissingDatabaseFailsWithoutCreatingAnything() throws Exception {
        Path config = ServerProcess.writeConfig(dir, "");
        int code = main("--config", config.toString(), "backup", "--dest", dir.resolve("backups").toString());
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("No database to back up"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("data/classcord.db")));
        assertFalse(Files.exists(dir.resolve("backups")));
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        Path config = ServerProcess.writeConfig(dir, "");
        assertEquals(2, main("--config", config.toString(), "backup", "--keep", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("classcord : --keep attend un nombre, pas « many »"));
        assertEquals(2, main("--config", config.toString(), "backup", "--dest"));
    }
}
