package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as an operator runs it: a real process, real signals, real files. */
class ServerProcessTest {

    @TempDir
    Path dir;

    @Test
    void sigtermSendsTheShutdownNoticeFlushesAndExitsZero() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "");
             WireClient alice = WireClient.connect(server.port()); WireClient bob = WireClient.connect(server.port())) {
            alice.login("alice", "pw-alice");
            bob.login("bob", "pw-bob");
            alice.send("{\"type\":\"message\",\"content\":\"before stop\"}");
            assertEquals("before stop", bob.nextMatching(o -> o.getString("type").equals("message")
                    && o.getString("from").equals("alice")).getString("content"));

            assertEquals(0, server.terminate(), "exit code after SIGTERM");

            JsonObject typed = alice.nextMatching(o -> o.getString("type").equals("shutdown"));
            assertEquals("Serveur arrêté.", typed.getString("message"));
            JsonObject copy = alice.next();
            assertEquals("serveur", copy.getString("from"));
            assertEquals("Serveur arrêté.", copy.getString("content"));
            assertNull(alice.nextOrEnd(), "connection closed after the notice");

            String log = Files.readString(server.log("classcord.log"));
            assertTrue(log.contains("[SERVER] Stopped"), log);
            assertTrue(log.contains("Database closed"), log);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.database())));
        }
    }

    @Test
    void failedLoginIsLoggedForFail2banAndPasswordsNeverAre() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "");
             WireClient client = WireClient.connect(server.port())) {
            client.login("carol", "S3cret-Password");
            client.send("{\"type\":\"login\",\"username\":\"carol\",\"password\":\"Wrong-Password\"}");
            assertEquals("auth_failed", client.nextMatching(o -> o.getString("type").equals("error")).getString("code"));
            assertEquals(0, server.terminate());
            List<String> lines = Files.readAllLines(server.log("classcord.log"));
            // The course's fail2ban filter, with the course's date format in front.
            assertTrue(lines.stream().anyMatch(line -> line.matches(
                    "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - WARNING - \\[LOGIN\\] Failed login attempt from 127\\.0\\.0\\.1")),
                    String.join("\n", lines));
            for (String file : List.of("classcord.log", "debug.log", "audit.log")) {
                String text = Files.readString(server.log(file));
                assertTrue(!text.contains("S3cret-Password") && !text.contains("Wrong-Password"), file + " holds a password");
            }
        }
    }

    @Test
    void environmentVariablesOverrideTheConfigFile() throws Exception {
        Map<String, String> environment = Map.of("CLASSCORD_CHAT_SHUTDOWN_dash_MESSAGE", "Au revoir.",
                "CLASSCORD_CHAT_WELCOME_dash_MESSAGE", "Salut depuis l'environnement");
        try (ServerProcess server = ServerProcess.start(dir, environment, "");
             WireClient client = WireClient.connect(server.port())) {
            client.login("dave", "pw");
            // As the course's clients see it: a message from serveur (typed notices are for clients that ask).
            assertEquals("Salut depuis l'environnement", client.nextMatching(o -> o.getString("type").equals("message")
                    && "serveur".equals(o.getString("from", ""))).getString("content"));
            assertEquals(0, server.terminate());
            assertEquals("Au revoir.", client.nextMatching(o -> o.getString("type").equals("shutdown")).getString("message"));
        }
    }

    @Test
    void badConfigurationStopsWithAClearMessage() throws Exception {
        Path config = ServerProcess.writeConfig(dir, "port: 70000");
        Process process = new ProcessBuilder(ServerProcess.javaBinary(), "--enable-native-access=org.xerial.sqlitejdbc", "--module-path", ServerProcess.modulePath(),
                "--module", "io.classcord.app/io.classcord.app.Main", "--config", config.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(2, process.waitFor());
        assertTrue(output.contains("classcord.chat.port = « 70000 » : attendu un nombre entier de 0 à 65535"), output);
    }
}
