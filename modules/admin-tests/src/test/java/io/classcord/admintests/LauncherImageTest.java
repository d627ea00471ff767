package io.classcord.admintests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.classcord.testsupport.LaunchedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code bin/classcord} after an operator's mistake (issue 15 §1, §8): the exact short
 * output, exit 2, no stack trace and no library line; help and version in both languages, which
 * also shows that the texts' bundles made it into the jlink image. Also the help, version and usage
 * errors of {@code bin/classcord-client} and {@code bin/classcord-bench}: picocli reads the command
 * lines by reflection, which the image's module descriptors must allow.
 */
class LauncherImageTest {

    @TempDir
    Path dir;

    private record Result(int exit, String output) {
    }

    private Result classcord(String... arguments) throws IOException, InterruptedException {
        return launch("classcord", arguments);
    }

    private Result launch(String launcher, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LaunchedServer.image().resolve("bin/" + launcher).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        LaunchedServer.scrub(builder.environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/" + launcher + " still running after a minute:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static void assertShort(Result result, String expected) {
        assertEquals(expected, result.output());
        assertEquals(2, result.exit(), result.output());
        assertFalse(result.output().contains("Exception") || result.output().contains("\tat "), result.output());
    }

    @Test
    void configurationMistakesAreOneOrTwoLines() throws Exception {
        Files.writeString(dir.resolve("douze.yaml"), "classcord:\n  chat:\n    port: douze\n");
        assertShort(classcord("--config", "douze.yaml"),
                "classcord : configuration (douze.yaml) : classcord.chat.port = « douze » : attendu un nombre entier\n");

        Files.writeString(dir.resolve("indent.yaml"), "classcord:\n  chat:\n    port: 12\n   host: x\n");
        assertShort(classcord("--config", "indent.yaml"), """
                classcord : fichier de configuration indent.yaml : YAML invalide ligne 4, colonne 4 : expected <block end>, but found '<block mapping start>'
                Attendu : des clés « nom: valeur », indentées de 2 espaces sous leur parent (voir application.yaml).
                """);

        assertShort(classcord("--config", "absent.yaml"),
                "classcord : fichier de configuration introuvable ou illisible : " + dir.resolve("absent.yaml") + "\n");
    }

    @Test
    void importLegacyOfAFileThatIsNotADatabasePrintsNoLibraryLine() throws Exception {
        Files.writeString(dir.resolve("store.yaml"), """
                classcord:
                  storage:
                    path: "%s"
                """.formatted(dir.resolve("data/classcord.db")));
        Files.writeString(dir.resolve("notes.db"), "not a database\n");
        assertShort(classcord("--config", "store.yaml", "import-legacy", "notes.db"),
                "classcord : " + dir.resolve("notes.db") + " n'est pas une base de données du cours : "
                        + "File opened that is not a database file (file is not a database)\n");
    }

    @Test
    void helpVersionAndUnknownCommandInBothLanguages() throws Exception {
        Result help = classcord("--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.output().startsWith("Usage : classcord [--config FICHIER] [COMMANDE]\n"), help.output());

        Result version = classcord("--version");
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().matches("classcord \\d+\\.\\d+\\.\\d+\\S*\n"), version.output());

        Result unknown = classcord("frobnicate");
        assertEquals(2, unknown.exit(), unknown.output());
        assertTrue(unknown.output().startsWith("classcord : commande inconnue : frobnicate\nUsage : classcord"), unknown.output());

        Files.writeString(dir.resolve("en.yaml"), "classcord:\n  locale: en\n");
        Result english = classcord("--config", "en.yaml", "backup", "--help");
        assertEquals(0, english.exit(), english.output());
        assertTrue(english.output().startsWith("Usage: classcord [--config FILE] [COMMAND]\n"), english.output());
    }

    @Test
    void aMistypedKeyStopsTheImageWithOneFrenchLine() throws Exception {
        // The keys are found by walking Helidon's configuration tree: checked where it ships, not only on jars.
        Files.writeString(dir.resolve("prot.yaml"), "classcord:\n  chat:\n    prot: 12405\n");
        Result typo = classcord("--config", "prot.yaml");
        assertEquals(2, typo.exit(), typo.output());
        assertEquals(1, typo.output().lines().count(), typo.output());
        assertTrue(typo.output().contains("clé inconnue classcord.chat.prot (vouliez-vous dire « port » ?)"), typo.output());
    }

    @Test
    void everyLauncherHasHelpVersionAndUsageErrors() throws Exception {
        Result roleHelp = classcord("set-role", "--help");
        assertEquals(0, roleHelp.exit(), roleHelp.output());
        assertTrue(roleHelp.output().startsWith("Usage : classcord [--config FICHIER] [COMMANDE]\n"), roleHelp.output());
        Result roleMissing = classcord("set-role", "lea");
        assertEquals(2, roleMissing.exit(), roleMissing.output());

        Result clientHelp = launch("classcord-client", "--help");
        assertEquals(0, clientHelp.exit(), clientHelp.output());
        assertTrue(clientHelp.output().startsWith("Usage : classcord-client") && clientHelp.output().contains("Codes de sortie :"),
                clientHelp.output());
        Result clientVersion = launch("classcord-client", "--version");
        assertEquals(0, clientVersion.exit(), clientVersion.output());
        assertTrue(clientVersion.output().matches("classcord-client \\d+\\.\\d+\\.\\d+\\S*\n"), clientVersion.output());
        Result clientMistake = launch("classcord-client", "--port", "douze");
        assertEquals(2, clientMistake.exit(), clientMistake.output());
        assertEquals("classcord-client: --port demande un nombre, pas « douze »\nVoir classcord-client --help.\n",
                clientMistake.output());

        Result benchHelp = launch("classcord-bench", "-h");
        assertEquals(0, benchHelp.exit(), benchHelp.output());
        assertTrue(benchHelp.output().startsWith("Usage: classcord-bench") && benchHelp.output().contains("Exit codes:"),
                benchHelp.output());
        Result benchVersion = launch("classcord-bench", "-V");
        assertEquals(0, benchVersion.exit(), benchVersion.output());
        assertTrue(benchVersion.output().matches("classcord-bench \\d+\\.\\d+\\.\\d+\\S*\n"), benchVersion.output());
        Result benchMistake = launch("classcord-bench", "--bogus");
        assertEquals(2, benchMistake.exit(), benchMistake.output());
        assertEquals("classcord-bench: unknown option: --bogus\nSee classcord-bench --help.\n", benchMistake.output());
    }
}
