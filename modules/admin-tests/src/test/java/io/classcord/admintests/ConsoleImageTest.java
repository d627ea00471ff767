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

import io.classcord.testsupport.LaunchedServer;
import io.classcord.testsupport.WireClient;
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
        List<String> command = new ArrayList<>(List.of(LaunchedServer.imageLauncher().toString(),
                "--config", server.config().toString(), "admin"));
        command.addAll(List.of(args));
        return run(command, Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), stdin);
    }

    /** {@code bin/classcord-admin ARGS} with no config file at all, everything from the environment. */
    private Run classcordAdmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LaunchedServer.image().resolve("bin/classcord-admin").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of("CLASSCORD_ADMIN_URL", server.adminUrl(),
                "CLASSCORD_ADMIN_TOKEN_dash_FILE", server.tokenFile().toString()), "");
    }

    /** {@code bin/classcord-admin ARGS} with only the given environment (no URL, no token file). */
    private Run bare(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LaunchedServer.image().resolve("bin/classcord-admin").toString()));
        command.addAll(List.of(args));
        return run(command, environment, "");
    }

    /** The server's config with {@code classcord.locale: en}. */
    private Path englishConfig() throws IOException {
        Path english = dir.resolve("english.yaml");
        Files.writeString(english, Files.readString(server.config()).replaceFirst("classcord:\n", "classcord:\n  locale: \"en\"\n"));
        return english;
    }

    private Run run(List<String> command, Map<String, String> environment, String stdin) throws Exception {
        Path work = Files.createTempDirectory(dir, "console");
        Path input = work.resolve("stdin.txt");
        Path output = work.resolve("stdout.txt");
        Files.writeString(input, stdin, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(input.toFile()).redirectOutput(output.toFile());
        LaunchedServer.scrub(builder.environment());
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
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            Run alert = admin("", "alert", "Rendu du TP a 17h");
            assertEquals(0, alert.exitCode(), alert.output());
            assertTrue(alert.output().contains("Alerte envoyée à 2 connexion(s)."), alert.output());
            for (WireClient client : List.of(alice, bob)) {
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
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
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

    @Test
    void helpVersionAndUnknownCommandsNeedNoServerAndNoConfiguration() throws Exception {
        Run help = bare(Map.of(), "--help");
        assertEquals(0, help.exitCode(), help.output());
        assertTrue(help.output().startsWith("Usage : classcord [--config FICHIER] admin"), help.output());
        assertTrue(help.output().contains("Codes de sortie : 0 fait"), help.output());

        Run viaLauncher = run(List.of(LaunchedServer.imageLauncher().toString(), "admin", "--help"), Map.of(), "");
        assertEquals(0, viaLauncher.exitCode(), viaLauncher.output());
        assertEquals(help.output(), viaLauncher.output());

        Run version = bare(Map.of(), "--version");
        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().matches("classcord-admin \\d+\\.\\d+\\.\\d+\\S* \\(Classcord[^)]*\\)\\R"), version.output());

        Run unknown = bare(Map.of(), "frobnicate");
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().startsWith("classcord admin : commande inconnue : frobnicate\nUsage : classcord"), unknown.output());

        Run english = bare(Map.of(), "--config", englishConfig().toString(), "--help");
        assertEquals(0, english.exitCode(), english.output());
        assertTrue(english.output().startsWith("Usage: classcord [--config FILE] admin"), english.output());
        Run englishUnknown = bare(Map.of(), "--config", englishConfig().toString(), "frobnicate");
        assertEquals(2, englishUnknown.exitCode(), englishUnknown.output());
        assertTrue(englishUnknown.output().startsWith("classcord admin : unknown command: frobnicate\nUsage: classcord"),
                englishUnknown.output());
    }

    @Test
    void theConsoleFindsTheServerFromAnyDirectoryWithConfigAndNamesWhatItTriedWithout() throws Exception {
        // Every run's working directory is a fresh directory with no data/ in it.
        Run withConfig = bare(Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), "--config", server.config().toString(), "channels");
        assertEquals(0, withConfig.exitCode(), withConfig.output());
        assertTrue(withConfig.output().contains("#général"), withConfig.output());

        Run without = bare(Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), "channels");
        assertEquals(4, without.exitCode(), without.output());
        assertTrue(without.output().contains("jeton d'administration introuvable : "), without.output());
        assertTrue(without.output().matches("(?s).*introuvable : /\\S*/console\\d*/data/admin\\.token .*"), without.output());
        assertTrue(without.output().contains("/etc/classcord/application.yaml absent"), without.output());
        assertTrue(without.output().contains("--config FICHIER"), without.output());
        assertFalse(without.output().contains("Exception"), without.output());

        Path missing = dir.resolve("nowhere.yaml");
        Run missingConfig = bare(Map.of(), "--config", missing.toString(), "channels");
        assertEquals(2, missingConfig.exitCode(), missingConfig.output());
        assertEquals("classcord admin : fichier de configuration introuvable : " + missing + "\n", missingConfig.output());
    }

    @Test
    void viewReadsTheDatabaseReadOnlyWhenTheServerIsStopped() throws Exception {
        try (WireClient alice = server.user("alice"); WireClient bob = server.user("bob")) {
            alice.say("message lu sans serveur");
            bob.nextMessage(m -> m.getString("content").equals("message lu sans serveur"));
        }
        expect(202, server.post("/api/shutdown", null));
        assertEquals(0, server.awaitExit(java.time.Duration.ofSeconds(30)));
        Path data = server.dir().resolve("data");
        Map<String, String> before = snapshot(data);

        Run view = bare(Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), "--config", server.config().toString(), "view");
        assertEquals(0, view.exitCode(), view.output());
        assertTrue(view.output().contains("ne répond pas sur " + server.adminUrl()), view.output());
        assertTrue(view.output().contains("lecture seule"), view.output());
        assertTrue(view.output().contains("== Utilisateurs =="), view.output());
        assertTrue(view.output().lines().anyMatch(l -> l.matches(" *\\d+ +alice +user +non .*")), view.output());
        assertTrue(view.output().contains("message lu sans serveur"), view.output());
        assertTrue(view.output().contains("2 utilisateur(s)."), view.output());
        assertEquals(before, snapshot(data), "the database directory is left as it was: nothing created or written");

        Run json = bare(Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), "--config", server.config().toString(), "view", "--json");
        assertEquals(0, json.exitCode(), json.output());
        assertTrue(json.output().strip().startsWith("{\"users\":{\"items\":["), json.output());

        Run other = bare(Map.of("CLASSCORD_ADMIN_URL", server.adminUrl()), "clients", "--config", server.config().toString());
        assertEquals(3, other.exitCode(), "other commands need the server: " + other.output());
    }

    /** Each file of a directory with its size and content hash. */
    private static Map<String, String> snapshot(Path directory) throws Exception {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var listing = Files.list(directory)) {
            for (Path file : listing.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                files.put(file.getFileName().toString(), bytes.length + ":" + java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(bytes)) + ":" + Files.getLastModifiedTime(file));
            }
        }
        return files;
    }

    @Test
    void theEnglishLocaleAppliesToTheConsoleAndTheApiErrorsItPrints() throws Exception {
        Path english = englishConfig();
        Map<String, String> url = Map.of("CLASSCORD_ADMIN_URL", server.adminUrl());
        Run channels = bare(url, "--config", english.toString(), "channels");
        assertEquals(0, channels.exitCode(), channels.output());
        assertTrue(channels.output().startsWith("Channel "), channels.output());
        assertTrue(channels.output().contains("Admin only"), channels.output());

        Run refused = bare(url, "--config", english.toString(), "kick", "nobody");
        assertEquals(1, refused.exitCode(), refused.output());
        assertEquals("classcord admin : Nobody named nobody is connected. (unknown_user)\n", refused.output());

        Run french = bare(url, "--config", server.config().toString(), "kick", "nobody");
        assertEquals(1, french.exitCode(), french.output());
        assertEquals("classcord admin : Personne du nom de nobody n'est connecté. (unknown_user)\n", french.output());

        Run menu = run(List.of(LaunchedServer.image().resolve("bin/classcord-admin").toString(), "--config", english.toString()),
                url, "9\n5\nnobody\n\n0\n");
        assertEquals(0, menu.exitCode(), menu.output());
        assertTrue(menu.output().contains("1. Show the connected clients"), menu.output());
        assertTrue(menu.output().contains("Unknown choice: 9"), menu.output());
        assertTrue(menu.output().contains("Error: Nobody named nobody is connected. (unknown_user)"), menu.output());
        assertFalse(menu.output().contains("Votre choix"), menu.output());
    }
}
