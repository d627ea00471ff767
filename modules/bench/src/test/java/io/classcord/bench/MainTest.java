package io.classcord.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersion() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Exit codes:"));
        out.reset();
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("classcord-bench \\S+\\R"), out.toString());
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals(2, run("--bogus"));
        String shown = err.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("unknown option: --bogus") && shown.contains("classcord-bench --help"), shown);
        err.reset();
        assertEquals(2, run("--clients", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("classcord-bench: --clients needs a number, not 'many'"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("--port"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("classcord-bench: --port needs a value"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("--protocol", "irc", "--workload", "W3a"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("IRC has no accounts"), err.toString(StandardCharsets.UTF_8));
    }
}
