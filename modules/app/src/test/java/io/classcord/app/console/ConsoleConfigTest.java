package io.classcord.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which configuration the console reads, and the two languages of its texts. */
class ConsoleConfigTest {

    @TempDir
    Path dir;

    private final Messages french = Messages.french();

    @Test
    void theConfigOptionWinsThenTheServiceFileThenTheDefaults() throws IOException {
        Path service = Files.writeString(dir.resolve("application.yaml"), "classcord: {}\n");
        Path given = Files.writeString(dir.resolve("given.yaml"), "classcord: {}\n");

        assertEquals(given, ConsoleConfig.find(given, service, french).file());
        assertEquals(service, ConsoleConfig.find(null, service, french).file());

        ConsoleConfig none = ConsoleConfig.find(null, dir.resolve("absent.yaml"), french);
        assertNull(none.file());
        assertEquals("aucune, " + dir.resolve("absent.yaml") + " absent : valeurs par défaut, relatives au dossier courant "
                + Path.of("").toAbsolutePath(), none.description());
    }

    @Test
    void aConfigThatCannotBeReadIsNamedWithItsCause() {
        ConsoleException missing = assertThrows(ConsoleException.class,
                () -> ConsoleConfig.find(dir.resolve("nope.yaml"), dir.resolve("absent.yaml"), french));
        assertEquals(ConsoleException.USAGE, missing.exitCode());
        assertEquals("fichier de configuration introuvable : " + dir.resolve("nope.yaml"), missing.getMessage());

        // A service file that is there but unreadable stops the console: no silent fallback to the defaults.
        ConsoleException unreadable = assertThrows(ConsoleException.class, () -> ConsoleConfig.find(null, dir, french));
        assertEquals(ConsoleException.BAD_TOKEN, unreadable.exitCode());
        assertTrue(unreadable.getMessage().startsWith("fichier de configuration illisible : " + dir + " : "), unreadable.getMessage());
    }

    @Test
    void bothLanguagesHaveEveryText() throws IOException {
        assertEquals(keys("console.properties"), keys("console_en.properties"));
        assertEquals("commande inconnue : x", Messages.of("fr").t("command.unknown", "x"));
        assertEquals("unknown command: x", Messages.of("en").t("command.unknown", "x"));
        assertEquals("commande inconnue : x", Messages.of("FR_fr").t("command.unknown", "x"));
        assertThrows(IllegalArgumentException.class, () -> Messages.of("de"));
    }

    @Test
    void anUnknownLocaleIsAConfigurationMistake() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Path> loaded = new ArrayList<>();
        int code = AdminConsole.run(null, dir.resolve("absent.yaml"), file -> {
            loaded.add(file);
            return new AdminConsole.Target("http://127.0.0.1:1", dir.resolve("token"), dir.resolve("db"), "de");
        }, List.of("channels"), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals(1, loaded.size());
        assertNull(loaded.getFirst(), "no file: the defaults");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("classcord.locale : fr | en, pas de"), err.toString(StandardCharsets.UTF_8));
    }

    private static Properties keys(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Properties keys = new Properties();
        properties.stringPropertyNames().forEach(k -> keys.setProperty(k, ""));
        return keys;
    }
}
