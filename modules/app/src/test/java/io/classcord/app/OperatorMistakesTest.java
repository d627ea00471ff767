package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.classcord.testsupport.ReadyLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator reads after a mistake, from the real launcher process: one or two lines naming
 * the file, key and value, exit 2, no stack trace (issue 15 §1, §2, §6, §8).
 */
class OperatorMistakesTest {

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    /** Runs the launcher in {@code dir} with stdout and stderr merged, waiting at most a minute. */
    private Result launcher(String... arguments) throws IOException, InterruptedException {
        return launcherWith(Map.of(), arguments);
    }

    /** As {@link #launcher}, with these environment variables added. */
    private Result launcherWith(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.javaBinary(), "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", ServerProcess.modulePath(), "--module", "io.classcord.app/io.classcord.app.Main"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("launcher still running after a minute:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertShort(Result result, int exit, String expected) {
        assertEquals(expected, result.output(), "output");
        assertEquals(exit, result.exit(), "exit code; output:\n" + result.output());
        assertFalse(result.output().contains("Exception") || result.output().contains("\tat "), result.output());
    }

    @Test
    void badIndentationNamesTheFileAndLine() throws Exception {
        file("bad.yaml", "classcord:\n  chat:\n    port: 12\n   host: x\n");
        assertShort(launcher("--config", "bad.yaml"), 2, """
                classcord : fichier de configuration bad.yaml : YAML invalide ligne 4, colonne 4 : expected <block end>, but found '<block mapping start>'
                Attendu : des clés « nom: valeur », indentées de 2 espaces sous leur parent (voir application.yaml).
                """);
    }

    @Test
    void aWordWhereANumberIsExpectedNamesKeyAndValue() throws Exception {
        file("douze.yaml", "classcord:\n  chat:\n    port: douze\n");
        assertShort(launcher("--config", "douze.yaml"), 2,
                "classcord : configuration (douze.yaml) : classcord.chat.port = « douze » : attendu un nombre entier\n");
    }

    @Test
    void anUnknownValueSaysWhichAreKnown() throws Exception {
        file("sync.yaml", "classcord:\n  storage:\n    synchronous: MAYBE\n");
        assertShort(launcher("--config", "sync.yaml"), 2,
                "classcord : configuration (sync.yaml) : classcord.storage.synchronous = « MAYBE » : attendu FULL ou NORMAL\n");
        file("de.yaml", "classcord:\n  locale: de\n");
        assertShort(launcher("--config", "de.yaml"), 2,
                "classcord : configuration (de.yaml) : classcord.locale = « de » : attendu fr ou en\n");
    }

    @Test
    void aMistypedKeyIsRefusedNotIgnored() throws Exception {
        file("prot.yaml", "classcord:\n  chat:\n    prot: 12405\n");
        Result result = launcher("--config", "prot.yaml");
        assertEquals(2, result.exit(), result.output());
        assertEquals(1, result.output().lines().count(), result.output());
        assertTrue(result.output().startsWith("classcord : configuration (prot.yaml) : clé inconnue classcord.chat.prot "
                + "(vouliez-vous dire « port » ?) ; clés connues de classcord.chat : channel-creations-per-ip-per-minute, "), result.output());
        assertTrue(result.output().contains(", port, "), result.output());
        file("chatt.yaml", "classcord:\n  chatt:\n    port: 12405\n");
        Result section = launcher("--config", "chatt.yaml");
        assertEquals(2, section.exit(), section.output());
        assertTrue(section.output().startsWith("classcord : configuration (chatt.yaml) : clé inconnue classcord.chatt "
                + "(vouliez-vous dire « chat » ?) ; clés connues de classcord : admin, backup, chat, locale, logging, storage"),
                section.output());
    }

    @Test
    void anUnknownKeyFromTheEnvironmentNamesTheVariable() throws Exception {
        Result result = launcherWith(Map.of("CLASSCORD_CHAT_MAX_dash_LINE_dash_BYTE", "4096"));
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().startsWith("classcord : configuration (variable d'environnement "
                + "CLASSCORD_CHAT_MAX_dash_LINE_dash_BYTE) : clé inconnue classcord.chat.max-line-byte "
                + "(vouliez-vous dire « max-line-bytes » ?)"), result.output());
    }

    @Test
    void theScriptsVariablesAreNotConfigurationButAWrongValueInOneIsNamed() throws Exception {
        // CLASSCORD_JAVA_OPTS (the launcher script's) reaches Helidon as classcord.java.opts: no section of ours.
        Path config = ServerProcess.writeConfig(dir, "");
        assertShort(launcherWith(Map.of("CLASSCORD_JAVA_OPTS", "-Xmx64m"), "--config", config.toString(),
                "import-legacy", "absent.db"), 2, "classcord : base de données introuvable : " + dir.resolve("absent.db") + "\n");
        assertShort(launcherWith(Map.of("CLASSCORD_JAVA_OPTS", "-Xmx64m", "CLASSCORD_CHAT_PORT", "douze")), 2,
                "classcord : configuration (variable d'environnement CLASSCORD_CHAT_PORT) : classcord.chat.port = « douze » : "
                        + "attendu un nombre entier\n");
    }

    @Test
    void aValueOutOfRangeNamesKeyValueAndBounds() throws Exception {
        file("range.yaml", "classcord:\n  chat:\n    port: 70000\n");
        assertShort(launcher("--config", "range.yaml"), 2,
                "classcord : configuration (range.yaml) : classcord.chat.port = « 70000 » : attendu un nombre entier de 0 à 65535\n");
        file("queue.yaml", "classcord:\n  chat:\n    outbound-queue-bytes: 1000\n");
        assertShort(launcher("--config", "queue.yaml"), 2,
                "classcord : configuration (queue.yaml) : classcord.chat.outbound-queue-bytes = « 1000 » : attendu au moins 32768\n");
    }

    @Test
    void englishWhenTheConfigurationAsksForIt() throws Exception {
        file("en.yaml", "classcord:\n  locale: en\n  chat:\n    port: douze\n");
        assertShort(launcher("--config", "en.yaml"), 2,
                "classcord: configuration (en.yaml): classcord.chat.port = \"douze\": expected a whole number\n");
        Result help = launcher("--config", "en.yaml", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.output().startsWith("Usage: classcord [--config FILE] [COMMAND]\n"), help.output());
    }

    @Test
    void aMissingConfigFileIsNamed() throws Exception {
        assertShort(launcher("--config", "missing.yaml"), 2,
                "classcord : fichier de configuration introuvable ou illisible : " + dir.resolve("missing.yaml") + "\n");
    }

    @Test
    void importLegacyOnAFileThatIsNotADatabase() throws Exception {
        Path config = ServerProcess.writeConfig(dir, "");
        file("notes.db", "not a database\n");
        assertShort(launcher("--config", config.toString(), "import-legacy", "notes.db"), 2,
                "classcord : " + dir.resolve("notes.db") + " n'est pas une base de données du cours : "
                        + "File opened that is not a database file (file is not a database)\n");
        assertShort(launcher("--config", config.toString(), "import-legacy", "absent.db"), 2,
                "classcord : base de données introuvable : " + dir.resolve("absent.db") + "\n");
    }

    @Test
    void helpVersionAndUnknownCommands() throws Exception {
        for (List<String> asked : List.of(List.of("--help"), List.of("-h"), List.of("help"), List.of("backup", "--help"),
                List.of("import-legacy", "--help"), List.of("set-role", "--help"), List.of("run", "--help"))) {
            Result help = launcher(asked.toArray(String[]::new));
            assertEquals(0, help.exit(), asked + ": " + help.output());
            assertTrue(help.output().startsWith("Usage : classcord [--config FICHIER] [COMMANDE]\n"), asked + ": " + help.output());
            assertTrue(help.output().contains("--rename ANCIEN=NOUVEAU"), help.output());
            assertTrue(help.output().contains("d'une base du cours") && !help.output().contains("''"), help.output());
        }
        Result version = launcher("--version");
        assertEquals(0, version.exit());
        assertTrue(version.output().matches("classcord \\d+\\.\\d+\\.\\d+\\S*\n"), version.output());

        Result unknown = launcher("frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.output().startsWith("classcord : commande inconnue : frobnicate\nUsage : classcord"), unknown.output());
        Result unknownOption = launcher("--frobnicate");
        assertEquals(2, unknownOption.exit());
        assertTrue(unknownOption.output().startsWith("classcord : commande inconnue : --frobnicate\n"), unknownOption.output());
    }

    @Test
    void commandsWithWrongOperandsAreUsageErrors() throws Exception {
        Result extra = launcher("run", "now");
        assertEquals(2, extra.exit(), extra.output());
        assertTrue(extra.output().startsWith("classcord : argument inattendu : now\nUsage : classcord"), extra.output());
        Result oneOperand = launcher("set-role", "lea");
        assertEquals(2, oneOperand.exit(), oneOperand.output());
        assertTrue(oneOperand.output().startsWith("Usage : classcord"), oneOperand.output());
        assertShort(launcher("--config"), 2, "classcord : --config attend un nom de fichier\n");
        assertShort(launcher("backup", "--keep", "-1"), 2, "classcord : --keep attend 0 (tout garder) ou plus, pas -1\n");
        // --config is read after the command too, as before picocli.
        file("en.yaml", "classcord:\n  locale: en\n");
        assertShort(launcher("import-legacy", "absent.db", "--config", "en.yaml"), 2,
                "classcord: no such database: " + dir.resolve("absent.db") + "\n");
    }

    @Test
    void aSecondServerOnTheSameDatabaseIsRefusedAndTheFirstGoesOn() throws Exception {
        try (ServerProcess first = ServerProcess.start(dir, Map.of(), "")) {
            Result second = launcher("--config", dir.resolve("test-config.yaml").toString());
            Path database = dir.resolve("data/classcord.db");
            assertShort(second, 1, "classcord : un autre serveur Classcord utilise déjà la base " + database
                    + " (verrou " + database + ".lock, processus " + first.process().pid() + ") ; arrêtez-le d'abord"
                    + " (systemctl stop classcord ou Ctrl-C dans son terminal).\n");

            assertTrue(first.process().isAlive(), "first server still running");
            try (Socket client = new Socket("127.0.0.1", first.port())) {
                assertTrue(client.isConnected());
            }
            // A backup runs beside the live server: it does not take the lock.
            Result backup = launcher("--config", dir.resolve("test-config.yaml").toString(), "backup", "--dest", "copies");
            assertEquals(0, backup.exit(), backup.output());
            assertTrue(backup.output().startsWith("Backup written: "), backup.output());

            assertEquals(0, first.terminate());
            String activity = Files.readString(first.log("classcord.log"));
            assertEquals(1, activity.lines().filter(line -> ReadyLine.parse(line).isPresent()).count(), activity);
        }
        // Released at exit: the next server starts.
        try (ServerProcess again = ServerProcess.start(dir, Map.of(), "")) {
            assertEquals(0, again.terminate());
        }
    }

    @Test
    void libraryInternalsStayInDebugLog() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, Map.of(), "")) {
            assertEquals(0, server.terminate());
            String activity = Files.readString(server.log("classcord.log"));
            String console = String.join("\n", server.consoleLines());
            for (String internal : List.of("Added connection", "classcord-sqlite - Start", "bound for socket",
                    "Started all channels", "Helidon SE", "socket closed", "Shutdown initiated")) {
                assertFalse(activity.contains(internal), internal + " in the activity log:\n" + activity);
                assertFalse(console.contains(internal), internal + " on the console:\n" + console);
            }
            assertTrue(activity.contains("[SERVER] Database closed, bye"), activity);
            String debug = Files.readString(server.log("debug.log"));
            assertTrue(debug.contains("Added connection") && debug.contains("bound for socket"), debug);
        }
    }
}
