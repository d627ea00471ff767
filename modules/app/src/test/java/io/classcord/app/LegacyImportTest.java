package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A course database is imported, and its unsalted SHA-256 password works once, then is Argon2id. */
class LegacyImportTest {

    @TempDir
    Path dir;

    private static String sha256Hex(String password) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static String storedPassword(Path database, String user) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             PreparedStatement query = db.prepareStatement("SELECT password FROM users WHERE username = ?")) {
            query.setString(1, user);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "user " + user + " exists");
                return row.getString(1);
            }
        }
    }

    @Test
    void importedUserLogsInWithTheOldPasswordWhichIsThenRehashed() throws Exception {
        Path course = dir.resolve("course.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + course); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, password TEXT NOT NULL)");
            sql.execute("CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER, channel TEXT, content TEXT, timestamp TEXT, FOREIGN KEY(user_id) REFERENCES users(id))");
            sql.execute("INSERT INTO users (username, password) VALUES ('lia', '" + sha256Hex("motdepasse") + "')");
            sql.execute("INSERT INTO messages (user_id, channel, content, timestamp) VALUES (1, '#général', 'salut leo', '2025-06-20T17:12:40.123456')");
        }
        Path config = ServerProcess.writeConfig(dir, "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--config", config.toString(), "import-legacy", course.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 utilisateurs et 1 messages importés"), out.toString(StandardCharsets.UTF_8));

        Path database = dir.resolve("data/classcord.db");
        assertEquals(sha256Hex("motdepasse"), storedPassword(database, "lia"));
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "");
             WireClient client = WireClient.connect(server.port())) {
            client.send("{\"type\":\"login\",\"username\":\"lia\",\"password\":\"wrong\"}");
            assertEquals("auth_failed", client.next().getString("code"));
            client.send("{\"type\":\"login\",\"username\":\"lia\",\"password\":\"motdepasse\"}");
            assertEquals("ok", client.next().getString("status"));
            client.send("{\"type\":\"history\",\"channel\":\"#général\"}");
            JsonObject history = client.nextMatching(o -> o.getString("type").equals("history"));
            assertEquals("salut leo", history.getJsonArray("messages").getJsonObject(0).getString("content"));
            assertEquals("lia", history.getJsonArray("messages").getJsonObject(0).getString("from"));
            assertEquals(0, server.terminate());
        }
        assertTrue(storedPassword(database, "lia").startsWith("$argon2id$v=19$"), "rehashed on login");
        assertTrue(Files.exists(database));
    }

    @Test
    void importOfAMissingFileFailsClearly() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"import-legacy", dir.resolve("nope.db").toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("base de données introuvable : " + dir.resolve("nope.db")));
    }

    @Test
    void skippedAccountsAreNamedWithTheirReasonAndCanBeImportedUnderAnotherName() throws Exception {
        Path first = dir.resolve("first.db");
        Path second = dir.resolve("second.db");
        for (Path course : new Path[] {first, second}) {
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + course); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, password TEXT NOT NULL)");
                sql.execute("INSERT INTO users (username, password) VALUES ('" + (course == first ? "léo" : "Léo") + "', '"
                        + sha256Hex("pw") + "')");
            }
        }
        Path config = ServerProcess.writeConfig(dir, "");
        assertEquals(0, Main.run(new String[] {"--config", config.toString(), "import-legacy", first.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"--config", config.toString(), "import-legacy", second.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertEquals("""
                0 utilisateurs et 0 messages importés depuis %1$s
                1 comptes non importés :
                  « Léo » : correspond au compte existant « léo » (même nom à la casse et aux lettres semblables près) ; ses messages lui sont attribués
                Pour importer un compte sous un autre nom : classcord import-legacy %1$s --rename ANCIEN=NOUVEAU
                """.formatted(second), out.toString(StandardCharsets.UTF_8));

        out.reset();
        assertEquals(0, Main.run(new String[] {"--config", config.toString(), "import-legacy", second.toString(),
                "--rename", "Léo=Léonie"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertEquals("1 utilisateurs et 0 messages importés depuis " + second + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(sha256Hex("pw"), storedPassword(dir.resolve("data/classcord.db"), "Léonie"));
    }
}
