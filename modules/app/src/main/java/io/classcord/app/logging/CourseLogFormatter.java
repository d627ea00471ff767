package io.classcord.app.logging;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats records like the course's Python servers ({@code %(asctime)s - %(levelname)s - %(message)s}),
 * so that existing fail2ban filters and the course material keep working unchanged.
 *
 * <p>User-supplied text (names, chat content) reaches the logs, so every character that could start a
 * new line is escaped: one record is exactly one line, plus - only when stack traces are enabled - the
 * lines of the trace.
 */
final class CourseLogFormatter extends Formatter {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** The formatted second of the latest record: a busy server logs many lines in the same second. */
    private record Second(long epochSecond, String text) {
    }

    private final boolean stackTraces;
    private final DateTimeFormatter timestamp;
    private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** @param stackTraces whether a thrown exception's full trace follows the record line */
    CourseLogFormatter(boolean stackTraces) {
        this(stackTraces, ZoneId.systemDefault());
    }

    /** Fixed zone for tests; production logs use local time like Python's {@code logging}. */
    CourseLogFormatter(boolean stackTraces, ZoneId zone) {
        this.stackTraces = stackTraces;
        this.timestamp = TIMESTAMP.withZone(zone);
    }

    private String second(java.time.Instant instant) {
        Second cached = lastSecond;
        if (cached.epochSecond() != instant.getEpochSecond()) {
            cached = new Second(instant.getEpochSecond(), timestamp.format(instant));
            lastSecond = cached;
        }
        return cached.text();
    }

    private static String millisOf(java.time.Instant instant) {
        int millis = instant.getNano() / 1_000_000;
        return millis < 10 ? "00" + millis : millis < 100 ? "0" + millis : Integer.toString(millis);
    }

    @Override
    public String format(LogRecord record) {
        String message = formatMessage(record);
        if (message == null) {
            message = "";
        }
        Throwable thrown = record.getThrown();
        if (thrown != null && !stackTraces) {
            message = message.isEmpty() ? thrown.toString() : message + ": " + thrown;
        }
        StringBuilder line = new StringBuilder(64 + message.length())
                .append(second(record.getInstant())).append(',')
                .append(millisOf(record.getInstant()))
                .append(" - ").append(pythonLevel(record.getLevel()))
                .append(" - ");
        appendEscaped(line, message, false);
        line.append('\n');
        if (thrown != null && stackTraces) {
            appendStackTrace(line, thrown);
        }
        return line.toString();
    }

    /** Maps by numeric value so custom levels land on the nearest Python level below them. */
    static String pythonLevel(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (value >= Level.CONFIG.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    /** Escapes line breaks and other control characters; returns {@code text} itself when it has none. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        appendEscaped(out, text, false);
        return out.length() == text.length() ? text : out.toString();
    }

    /** @param keepTabs for stack trace lines, which Java indents with tabs */
    private static void appendEscaped(StringBuilder out, String text, boolean keepTabs) {
        // Most lines need no escape: copied whole, not a character at a time.
        int plain = 0;
        while (plain < text.length() && !isLineBreaking(text.charAt(plain))) {
            plain++;
        }
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(keepTabs ? "\t" : "\\t");
                default -> {
                    if (isLineBreaking(c)) {
                        out.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /*
     * Besides C0 controls this covers DEL, C1 controls (NEL U+0085 among them) and the Unicode line and
     * paragraph separators: Python's str.splitlines() and several log viewers break lines on them, and
     * ESC sequences could rewrite what an admin sees in a terminal.
     */
    private static boolean isLineBreaking(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static void appendStackTrace(StringBuilder target, Throwable thrown) {
        // Throwable prints every trace line through println(Object); exception messages may carry user
        // text, so each of those lines is escaped like a message to keep the trace's own line structure.
        PrintWriter writer = new PrintWriter(Writer.nullWriter()) {
            @Override
            public void println(Object x) {
                println(String.valueOf(x));
            }

            @Override
            public void println(String x) {
                appendEscaped(target, x, true);
                target.append('\n');
            }
        };
        thrown.printStackTrace(writer);
    }
}
