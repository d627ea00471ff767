package io.classcord.testsupport;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The messages one in-process logger publishes while it is open, for tests that check a log line
 * (audit, fail2ban's, limits) of a server running in the test's own JVM. Close it to detach.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            messages.add(record.getMessage() != null ? record.getMessage() : "");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(String loggerName) {
        // Held here: java.util.logging keeps loggers weakly, and a collected one loses its handler.
        logger = Logger.getLogger(loggerName);
        logger.addHandler(handler);
    }

    /** Starts capturing what the logger named {@code loggerName} publishes. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog(loggerName);
    }

    /** The messages so far, in order; a live, read-only view. */
    public List<String> lines() {
        return Collections.unmodifiableList(messages);
    }

    /** How many messages so far contain {@code fragment}. */
    public long count(String fragment) {
        return messages.stream().filter(message -> message.contains(fragment)).count();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
