package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.classcord.testsupport.WireClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console ({@code classcord admin}) against a real server process, by subcommands and through its stdin. */
class AdminConsoleTest {

    @TempDir
    Path dir;

    /** What one in-process console run printed and returned. */
    record Run(int code, String out, String err) {
    }

    private static Run console(Path config, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "admin"));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void subcommandsAnswerWithTablesJsonAndExitCodes() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "");
             WireClient alice = WireClient.connect(server.port())) {
            assertTrue(server.adminPort() > 0, "the ready line names the admin port");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/admin.token"))));
            alice.login("alice", "pw-alice");
            Path config = server.consoleConfig();

            Run clients = console(config, "", "clients");
            assertEquals(0, clients.code(), clients.err());
            List<String> lines = clients.out().lines().toList();
            assertTrue(lines.get(0).startsWith("Nom    IP         "), clients.out());
            assertTrue(lines.get(1).startsWith("-----  ---------  "), clients.out());
            assertTrue(lines.get(2).startsWith("alice  127.0.0.1  "), clients.out());

            Run json = console(config, "", "clients", "--json");
            assertEquals(0, json.code());
            assertTrue(json.out().strip().startsWith("[{") && json.out().contains("\"name\":\"alice\""), json.out());

            Run alert = console(config, "", "alert", "Pause de 10 minutes");
            assertEquals(0, alert.code(), alert.err());
            assertTrue(alert.out().contains("Alerte envoyée à 1 connexion(s)."), alert.out());
            JsonObject shown = alice.nextMatching(o -> o.getString("type").equals("message")
                    && o.getString("content").equals("Pause de 10 minutes"));
            assertEquals("serveur", shown.getString("from"));

            Run unknown = console(config, "", "kick", "nobody");
            assertEquals(1, unknown.code());
            assertTrue(unknown.err().contains("unknown_user"), unknown.err());
            assertEquals(2, console(config, "", "frobnicate").code());
            assertEquals(2, console(config, "", "users", "--limit").code());
            assertEquals(1, console(config, "", "users", "--limit", "0").code());

            Path wrongToken = dir.resolve("wrong.token");
            Files.writeString(wrongToken, "not-the-token\n");
            Path wrongConfig = dir.resolve("wrong-config.yaml");
            Files.writeString(wrongConfig, Files.readString(config).replace(dir.resolve("data/admin.token").toString(),
                    wrongToken.toString()));
            Run refused = console(wrongConfig, "", "clients");
            assertEquals(4, refused.code());
            assertTrue(refused.err().contains("refuse le jeton"), refused.err());

            Run stop = console(config, "", "stop");
            assertEquals(0, stop.code(), stop.err());
            alice.nextMatching(o -> o.getString("type").equals("message") && o.getString("content").equals("Serveur arrêté."));
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.process().exitValue());

            Run down = console(config, "", "channels");
            assertEquals(3, down.code());
            assertTrue(down.err().contains("ne répond pas"), down.err());
            String audit = Files.readString(server.log("audit.log"));
            assertTrue(audit.contains("alert to everyone") && audit.contains("stop the server"), audit);
        }
    }

    @Test
    void chatKeepsRunningWhenTheAdminPortIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerProcess server = ServerProcess.start(dir, Map.of("CLASSCORD_ADMIN_PORT", String.valueOf(taken.getLocalPort())), "");
             WireClient alice = WireClient.connect(server.port())) {
            alice.login("alice", "pw-alice");
            assertTrue(server.consoleLines().stream().anyMatch(l -> l.contains("admin API NOT started")), server.consoleLines().toString());
            assertTrue(server.consoleLines().stream().anyMatch(l -> l.contains("Cannot start the admin API on 127.0.0.1:"
                    + taken.getLocalPort())));
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void theMenuIsDrivenThroughStdinInItsOwnProcess() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "");
             WireClient alice = WireClient.connect(server.port())) {
            alice.login("alice", "pw-alice");
            alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"alice\",\"content\":\"salut, \\\"tout\\\" le monde\"}");
            List<String> command = List.of(ServerProcess.javaBinary(), "--module-path", ServerProcess.modulePath(),
                    "--module", "io.classcord.app/io.classcord.app.Main", "--config", server.consoleConfig().toString(), "admin");
            Process console = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = console.getOutputStream()) {
                // 4: alert to everyone; 1: clients; 2: channels; 3: view + export; 5: kick alice; 0: quit.
                stdin.write("4\nRéunion à 14h\n\n1\n2\n3\no\n5\nalice\nFin du cours\n0\n".getBytes(StandardCharsets.UTF_8));
            }
            assertTrue(console.waitFor(60, TimeUnit.SECONDS), "the console ends at 0");
            String out = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, console.exitValue(), out);
            assertTrue(out.contains("1. Voir les clients connectés"), out);
            assertTrue(out.contains("Alerte envoyée à 1 connexion(s)."), out);
            assertTrue(out.contains("== Utilisateurs =="), out);
            assertTrue(out.contains("== Messages récents =="), out);
            assertTrue(out.contains("salut, \"tout\" le monde"), out);
            assertTrue(out.contains("#général"), out);
            assertTrue(out.contains("alice expulsé (1 connexion(s) fermée(s))."), out);

            Path messages = dir.resolve("exports/messages_export_" + LocalDate.now() + ".csv");
            assertTrue(out.contains("Export écrit : " + messages), out);
            assertTrue(Files.readString(messages).contains("\"salut, \"\"tout\"\" le monde\""));
            assertTrue(Files.exists(dir.resolve("exports/users_export_" + LocalDate.now() + ".csv")));

            alice.nextMatching(o -> o.getString("type").equals("message") && o.getString("content").equals("Réunion à 14h"));
            alice.nextMatching(o -> o.getString("type").equals("message") && "serveur".equals(o.getString("from", ""))
                    && o.getString("content").equals("Fin du cours"));
            assertEquals(0, server.terminate());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
