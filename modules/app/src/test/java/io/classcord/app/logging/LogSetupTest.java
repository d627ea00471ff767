package io.classcord.app.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSetupTest {

    private static final Pattern LINE =
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - (ERROR|WARNING|INFO|DEBUG) - .*$");

    @TempDir
    Path dir;

    // Held strongly: JUL keeps loggers only weakly.
    private final Logger audit = Logger.getLogger(LogSetup.AUDIT_LOGGER);
    private final Logger auditChild = Logger.getLogger(LogSetup.AUDIT_LOGGER + ".login");
    private final Logger engine = Logger.getLogger("classcord.engine");
    private final Logger helidon = Logger.getLogger("io.helidon.webserver.ServerListener");

    @AfterEach
    void restoreDefaultLogging() throws IOException {
        LogManager.getLogManager().readConfiguration();
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), UTF_8);
    }

    @Test
    void routesRecordsToTheirFiles() throws IOException {
        try (LogSetup setup = LogSetup.configure(dir, false)) {
            engine.warning("[LOGIN] Failed login attempt from 10.0.108.80");
            engine.fine("[DEBUG] frame parsed");
            engine.log(Level.SEVERE, "[DB] cannot save", new IllegalStateException("disk full"));
            audit.info("[ADMIN] alice banned bob");
            auditChild.info("[ADMIN] alice logged in");
            setup.flush();

            String activity = read(LogSetup.ACTIVITY_FILE);
            String auditLog = read(LogSetup.AUDIT_FILE);
            String debug = read(LogSetup.DEBUG_FILE);

            assertTrue(activity.contains(" - WARNING - [LOGIN] Failed login attempt from 10.0.108.80\n"), activity);
            assertTrue(activity.contains(" - ERROR - [DB] cannot save: java.lang.IllegalStateException: disk full\n"),
                    activity);
            assertFalse(activity.contains("[ADMIN]"), activity);
            assertFalse(activity.contains("frame parsed"), activity);
            assertFalse(activity.contains("\tat "), activity);
            activity.lines().forEach(line -> assertTrue(LINE.matcher(line).matches(), line));

            assertEquals(2, auditLog.lines().count(), auditLog);
            assertTrue(auditLog.contains(" - INFO - [ADMIN] alice banned bob\n"), auditLog);
            assertTrue(auditLog.contains(" - INFO - [ADMIN] alice logged in\n"), auditLog);

            assertTrue(debug.contains(" - DEBUG - [DEBUG] frame parsed\n"), debug);
            assertTrue(debug.contains(" - ERROR - [DB] cannot save\njava.lang.IllegalStateException: disk full\n\tat "),
                    debug);
            assertTrue(debug.contains("[LOGIN] Failed login attempt"), debug);
            assertTrue(debug.contains("[ADMIN] alice banned bob"), debug);
            assertFalse(read(LogSetup.AUDIT_FILE).contains("frame parsed"));
        }
    }

    @Test
    void quietsThirdPartyLoggersUnlessOverridden() throws IOException {
        try (LogSetup setup = LogSetup.configure(dir, false)) {
            helidon.fine("noise");
            helidon.info("listening on 0.0.0.0:7000");
            setup.setLevel("io.helidon", Level.FINE);
            helidon.fine("wanted detail");
            setup.flush();

            String debug = read(LogSetup.DEBUG_FILE);
            assertFalse(debug.contains("noise"), debug);
            assertTrue(debug.contains(" - INFO - listening on 0.0.0.0:7000\n"), debug);
            assertTrue(debug.contains(" - DEBUG - wanted detail\n"), debug);
            // A library's information lines are details: debug.log only (issue 15 §6); its warnings are not.
            assertFalse(read(LogSetup.ACTIVITY_FILE).contains("listening on"));
            assertFalse(read(LogSetup.ACTIVITY_FILE).contains("wanted detail"));
            helidon.warning("port half-open");
            setup.flush();
            assertTrue(read(LogSetup.ACTIVITY_FILE).contains(" - WARNING - port half-open"), read(LogSetup.ACTIVITY_FILE));
        }
    }

    @Test
    void consoleGetsInfoAndAboveInTheCourseFormat() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LogSetup setup = LogSetup.configure(dir, new PrintStream(bytes, true, UTF_8))) {
            engine.fine("not on the console");
            engine.info("[SERVER] started");
            engine.log(Level.WARNING, "[DB] retry", new IOException("locked"));
            setup.flush();
        }
        String console = bytes.toString(UTF_8);
        assertFalse(console.contains("not on the console"), console);
        List<String> lines = console.lines().toList();
        assertEquals(2, lines.size(), console);
        assertTrue(lines.get(0).endsWith(" - INFO - [SERVER] started"), console);
        assertTrue(lines.get(1).endsWith(" - WARNING - [DB] retry: java.io.IOException: locked"), console);
        lines.forEach(line -> assertTrue(LINE.matcher(line).matches(), line));
    }

    @Test
    void reopenFilesFollowsAManualRotation() throws IOException {
        try (LogSetup setup = LogSetup.configure(dir, false)) {
            engine.info("before");
            for (String file : List.of(LogSetup.ACTIVITY_FILE, LogSetup.AUDIT_FILE, LogSetup.DEBUG_FILE)) {
                Files.move(dir.resolve(file), dir.resolve(file + ".1"));
            }
            setup.reopenFiles();
            for (String file : List.of(LogSetup.ACTIVITY_FILE, LogSetup.AUDIT_FILE, LogSetup.DEBUG_FILE)) {
                assertTrue(Files.exists(dir.resolve(file)), file);
            }
            engine.info("after");
            setup.flush();
            assertTrue(Files.readString(dir.resolve(LogSetup.ACTIVITY_FILE + ".1")).contains("before"));
            assertFalse(read(LogSetup.ACTIVITY_FILE).contains("before"));
            assertTrue(read(LogSetup.ACTIVITY_FILE).contains("after"));
        }
    }

    @Test
    void closeIsIdempotentAndDetachesTheHandlers() throws IOException {
        LogSetup setup = LogSetup.configure(dir, false);
        Logger root = Logger.getLogger("");
        assertEquals(3, root.getHandlers().length);
        setup.close();
        setup.close();
        LogManager.getLogManager().reset(); // what LogManager's shutdown hook does
        assertEquals(0, root.getHandlers().length);
        engine.info("after close");
        assertFalse(read(LogSetup.ACTIVITY_FILE).contains("after close"));
    }

    @Test
    void configureReplacesEarlierHandlers() throws IOException {
        Handler stray = new java.util.logging.ConsoleHandler();
        Logger.getLogger("").addHandler(stray);
        try (LogSetup setup = LogSetup.configure(dir, false)) {
            assertFalse(Arrays.asList(Logger.getLogger("").getHandlers()).contains(stray));
            assertEquals(Level.FINE, Logger.getLogger("").getLevel());
            setup.flush();
        }
    }

    @Test
    void failsWithoutInstallingAnythingWhenTheDirectoryIsUnusable() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        Handler[] before = Logger.getLogger("").getHandlers();
        assertThrows(IOException.class, () -> LogSetup.configure(notADirectory, false));
        assertEquals(Arrays.asList(before), Arrays.asList(Logger.getLogger("").getHandlers()));
    }
}
