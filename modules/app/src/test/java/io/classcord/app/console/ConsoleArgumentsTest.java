package io.classcord.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's command line as picocli reads it, and the mistakes told with the console's exit codes. */
class ConsoleArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void optionsGoAnywhereAroundTheCommandAndItsOperands() {
        ConsoleArguments args = ConsoleArguments.read(List.of("--json", "alert", "-5 points", "--channel", "dev",
                "--config=/etc/x.yaml"));
        assertTrue(args.json);
        assertEquals(Optional.of("alert"), args.command());
        assertEquals(List.of("-5 points"), args.operands(), "a text starting with a dash stays an operand");
        assertEquals(Map.of("channel", "dev"), args.query());
        assertEquals(Path.of("/etc/x.yaml"), args.config);
        assertTrue(args.mistake().isEmpty());
    }

    @Test
    void aRepeatedOptionKeepsTheLastValueAndHelpIsAlsoACommand() {
        assertEquals(Map.of("limit", "5"), ConsoleArguments.read(List.of("messages", "--limit", "1", "--limit", "5")).query());
        assertTrue(ConsoleArguments.read(List.of("help")).helpAsked());
        assertTrue(ConsoleArguments.read(List.of("users", "-h")).helpAsked());
        assertTrue(ConsoleArguments.read(List.of("-V")).version);
        assertFalse(ConsoleArguments.read(List.of("user", "help")).helpAsked(), "a user may be called help");
    }

    @Test
    void mistakesAreToldInTheConsolesWordsWithExitCode2() {
        assertEquals(Optional.of(new ConsoleArguments.Mistake("option.unknown", "--frob")),
                ConsoleArguments.read(List.of("clients", "--frob")).mistake());
        assertEquals(Optional.of(new ConsoleArguments.Mistake("option.needs.value", "--channel")),
                ConsoleArguments.read(List.of("alert", "hi", "--channel")).mistake());

        Run unknown = run("clients", "--frob");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("classcord admin : option inconnue : --frob\nUsage : classcord"), unknown.err());
        Run needsValue = run("messages", "--limit");
        assertEquals(2, needsValue.code());
        assertEquals("classcord admin : --limit attend une valeur\n", needsValue.err());
        Run help = run("--frob", "--help");
        assertEquals(0, help.code(), "help wins over a mistake");
        assertTrue(help.out().startsWith("Usage : classcord"), help.out());
    }

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminConsole.run(null, dir.resolve("absent.yaml"),
                file -> new AdminConsole.Target("http://127.0.0.1:1", dir.resolve("token"), dir.resolve("db"), "fr"),
                List.of(args), new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
