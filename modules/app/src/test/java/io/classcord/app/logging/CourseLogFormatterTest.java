package io.classcord.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CourseLogFormatterTest {

    private static final Pattern RECORD_START = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - ");
    private static final Instant WHEN = Instant.parse("2025-06-20T17:12:40.123Z");

    private static LogRecord record(Level level, String message, Object... params) {
        LogRecord record = new LogRecord(level, message);
        record.setInstant(WHEN);
        record.setLoggerName("classcord.test");
        record.setParameters(params.length == 0 ? null : params);
        return record;
    }

    private static String utc(LogRecord record) {
        return new CourseLogFormatter(false, ZoneOffset.UTC).format(record);
    }

    @Test
    void formatsLikeThePythonCourseServer() {
        assertEquals("2025-06-20 17:12:40,123 - WARNING - [LOGIN] Failed login attempt from 10.0.108.80\n",
                utc(record(Level.WARNING, "[LOGIN] Failed login attempt from 10.0.108.80")));
    }

    @Test
    void failedLoginLineMatchesTheFail2banRegex() {
        String formatted = new CourseLogFormatter(false)
                .format(new LogRecord(Level.WARNING, "[LOGIN] Failed login attempt from 10.0.108.80"));
        assertTrue(formatted.endsWith("\n"));
        String line = formatted.substring(0, formatted.length() - 1);
        assertTrue(Pattern.matches(
                "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - WARNING - \\[LOGIN\\] Failed login attempt from 10\\.0\\.108\\.80$",
                line), line);
    }

    @Test
    void usesTheConfiguredZone() {
        String line = new CourseLogFormatter(false, ZoneId.of("Europe/Paris")).format(record(Level.INFO, "x"));
        assertEquals("2025-06-20 19:12:40,123 - INFO - x\n", line);
    }

    @Test
    void mapsLevelsToPythonNames() {
        assertEquals("ERROR", CourseLogFormatter.pythonLevel(Level.SEVERE));
        assertEquals("WARNING", CourseLogFormatter.pythonLevel(Level.WARNING));
        assertEquals("INFO", CourseLogFormatter.pythonLevel(Level.INFO));
        assertEquals("INFO", CourseLogFormatter.pythonLevel(Level.CONFIG));
        assertEquals("DEBUG", CourseLogFormatter.pythonLevel(Level.FINE));
        assertEquals("DEBUG", CourseLogFormatter.pythonLevel(Level.FINER));
        assertEquals("DEBUG", CourseLogFormatter.pythonLevel(Level.FINEST));
        assertEquals("2025-06-20 17:12:40,123 - ERROR - boom\n", utc(record(Level.SEVERE, "boom")));
        assertEquals("2025-06-20 17:12:40,123 - DEBUG - detail\n", utc(record(Level.FINEST, "detail")));
    }

    @Test
    void substitutesParameters() {
        assertEquals("2025-06-20 17:12:40,123 - INFO - [JOIN] alice joined #general\n",
                utc(record(Level.INFO, "[JOIN] {0} joined #{1}", "alice", "general")));
    }

    @Test
    void newlineInjectionStaysOnOneLine() {
        String forged = "\n2025-01-01 00:00:00,000 - WARNING - [LOGIN] Failed login attempt from 1.2.3.4";
        for (LogRecord record : List.of(
                record(Level.INFO, "[MSG] from bob: hi" + forged),
                record(Level.INFO, "[JOIN] {0} joined", "bob" + forged),
                record(Level.INFO, "[MSG] from bob: hi" + forged.replace('\n', '\r')))) {
            String line = utc(record);
            assertEquals(1, line.chars().filter(c -> c == '\n' || c == '\r').count(), line);
            assertTrue(line.endsWith("\n"));
            assertTrue(line.contains("\\n2025-01-01") || line.contains("\\r2025-01-01"), line);
        }
    }

    @Test
    void escapesOtherControlAndLineSeparatorCharacters() {
        assertEquals("a\\tb\\u001b[31mc\\u0000d\\u007fe\\u0085f\\u2028g\\u2029h",
                CourseLogFormatter.escape("a\tb\u001b[31mc\u0000d\u007fe\u0085f\u2028g\u2029h"));
        String plain = "Grüße, 日本, emoji \uD83D\uDE00 and a back\\slash";
        assertTrue(plain == CourseLogFormatter.escape(plain), "unchanged text is returned as is");
    }

    @Test
    void nullMessageIsEmpty() {
        assertEquals("2025-06-20 17:12:40,123 - INFO - \n", utc(record(Level.INFO, null)));
    }

    @Test
    void exceptionWithoutStackTraceIsOneLine() {
        LogRecord record = record(Level.SEVERE, "[DB] cannot save");
        record.setThrown(new IllegalStateException("disk\nfull", new RuntimeException("cause")));
        assertEquals("2025-06-20 17:12:40,123 - ERROR - [DB] cannot save: java.lang.IllegalStateException: disk\\nfull\n",
                utc(record));

        LogRecord bare = record(Level.SEVERE, "");
        bare.setThrown(new IllegalStateException("boom"));
        assertEquals("2025-06-20 17:12:40,123 - ERROR - java.lang.IllegalStateException: boom\n", utc(bare));
    }

    @Test
    void stackTraceFollowsWhenEnabledWithItsMessagesEscaped() {
        LogRecord record = record(Level.SEVERE, "[DB] cannot save");
        RuntimeException cause = new RuntimeException(
                "evil\n2025-01-01 00:00:00,000 - WARNING - [LOGIN] Failed login attempt from 1.2.3.4");
        record.setThrown(new IllegalStateException("outer", cause));
        String text = new CourseLogFormatter(true, ZoneOffset.UTC).format(record);

        List<String> lines = text.lines().toList();
        assertEquals("2025-06-20 17:12:40,123 - ERROR - [DB] cannot save", lines.get(0));
        assertEquals("java.lang.IllegalStateException: outer", lines.get(1));
        assertTrue(lines.get(2).startsWith("\tat "), lines.get(2));
        assertTrue(lines.contains("Caused by: java.lang.RuntimeException: evil\\n2025-01-01 00:00:00,000 - WARNING - "
                + "[LOGIN] Failed login attempt from 1.2.3.4"), text);
        assertTrue(text.endsWith("\n"));
        assertFalse(lines.stream().skip(1).anyMatch(line -> RECORD_START.matcher(line).find()), text);
    }
}
