package io.classcord.admintests;

import static io.classcord.admintests.AdminApiImageTest.expect;
import static io.classcord.admintests.ImageServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administration console of the shipped image ({@code bin/classcord admin ...} and
 * {@code bin/classcord-admin}), each command a process of its own against a running image, as an
 * operator types it: subcommands for scripts, and the course's numbered menu on standard input.
 */
class ConsoleImageTest {

    @TempDir
    Path dir;

    private ImageServer server;

    @BeforeEach
    void start() throws Exception {
        server = ImageServer.start(dir.resolve("server"));
    }

    @AfterEach
    void stop() {
        // Null when the image did not start: the start's own failure is the one to report.
        if (server != null) {
            server.close();
        }
    }

    /** What a console run printed and its exit code. */
    record Run(int exitCode, String output) {
    }

    /**
     * {@code bin/classcord --config FILE admin ARGS}: the server's own config tells the console the
     * token file; the URL comes from the environment, since the config asks for port 0.
     */
    private Run admin(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ImageServer.image().resolve("bin/classcord").toString(),
                "--config", server.config().toString(), "admin"));
        command.addAll(List.of(args));
        return run(command, Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), stdin);
    }

    /** {@code bin/classcord-admin ARGS} with no config file at all, everything from the environment. */
    private Run classcordAdmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ImageServer.image().resolve("bin/classcord-admin").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("CLASSCORD_ADMIN_URL", server.adminUrl(),
                "CLASSCORD_ADMIN_TOKEN_dash_FILE", server.tokenFile().toString()), "");
    }

    private Run run(List<String> command, Map<String, String> environment, String stdin) throws Exception {
        Path work = Files.createTempDirectory(dir, "console");
        Path input = work.resolve("stdin.txt");
        Path output = work.resolve("stdout.txt");
        Files.writeString(input, stdin, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(input.toFile()).redirectOutput(output.toFile());
        ImageServer.scrub(builder.environment());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the console still runs after 60 s: " + command + "\n" + read(output));
        }
        return new Run(process.exitValue(), read(output));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void subcommandsAlertCreateChannelAndKickWithReason() throws Exception {
        try (ChatClient alice = server.user("alice"); ChatClient bob = server.user("bob")) {
            Run alert = admin("", "alert", "Rendu du TP a 17h");
            assertEquals(0, alert.exitCode(), alert.output());
            assertTrue(alert.output().contains("Alerte envoyée à 2 connexion(s)."), alert.output());
            for (ChatClient client : List.of(alice, bob)) {
                assertEquals("serveur", client.nextMessage(m -> m.getString("content").equals("Rendu du TP a 17h")).getString("from"));
            }

            Run created = admin("", "create-channel", "projet");
            assertEquals(0, created.exitCode(), created.output());
            assertTrue(created.output().contains("Canal #projet créé."), created.output());
            assertTrue(json(server.get("/api/channels")).asJsonArray().stream()
                    .anyMatch(c -> c.asJsonObject().getString("name").equals("#projet")));

            Run kick = classcordAdmin("kick", "alice", "Langage inapproprie");
            assertEquals(0, kick.exitCode(), kick.output());
            assertTrue(kick.output().contains("alice expulsé (1 connexion(s) fermée(s))."), kick.output());
            assertEquals("Langage inapproprie", alice.nextMessage(m -> m.getString("from").equals("serveur")).getString("content"));
            assertTrue(alice.closedByServer());
            bob.nextMessage(m -> m.getString("content").equals("alice a été expulsé par l'administrateur."));

            Run channelAlert = admin("", "alert", "dans projet", "--channel", "projet");
            assertEquals(0, channelAlert.exitCode(), channelAlert.output());
            assertTrue(channelAlert.output().contains("Alerte envoyée à 0 connexion(s)."), channelAlert.output());

            Run unknown = classcordAdmin("kick", "nobody");
            assertEquals(1, unknown.exitCode(), "refused by the server: " + unknown.output());
            Run duplicate = admin("", "create-channel", "#projet");
            assertEquals(1, duplicate.exitCode(), duplicate.output());
        }
        server.awaitLog("audit.log", "alert to everyone", "sent to 2");
        server.awaitLog("audit.log", "kick alice -> disconnected 1");
    }

    @Test
    void menuEntriesAlertCreateChannelAndKick() throws Exception {
        try (ChatClient alice = server.user("alice"); ChatClient bob = server.user("bob")) {
            String choices = String.join("\n",
                    "4", "Alerte du menu", "",          // alert to everyone
                    "8", "c", "#menu",                   // create a channel
                    "5", "alice", "Motif du menu",       // kick with a reason
                    "0") + "\n";
            Run menu = admin(choices);
            assertEquals(0, menu.exitCode(), menu.output());
            assertFalse(menu.output().contains("Erreur"), menu.output());
            assertTrue(menu.output().contains("Alerte envoyée à 2 connexion(s)."), menu.output());
            assertTrue(menu.output().contains("Canal #menu créé."), menu.output());
            assertTrue(menu.output().contains("alice expulsé (1 connexion(s) fermée(s))."), menu.output());

            bob.nextMessage(m -> m.getString("content").equals("Alerte du menu"));
            alice.nextMessage(m -> m.getString("content").equals("Alerte du menu"));
            assertEquals("Motif du menu", alice.nextMessage(m -> m.getString("from").equals("serveur")).getString("content"));
            assertTrue(alice.closedByServer());
            JsonObject menuChannel = json(expect(200, server.get("/api/channels"))).asJsonArray().stream()
                    .map(c -> c.asJsonObject()).filter(c -> c.getString("name").equals("#menu")).findFirst().orElseThrow();
            assertTrue(menuChannel.getBoolean("open"));
        }
    }
}
