package io.classcord.app.logging;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Installs Classcord's log files on the JUL root logger. Helidon and the JDK log through JUL (via
 * System.Logger) too, so their records land in the same files.
 *
 * <ul>
 *   <li>{@code classcord.log}: INFO and above from every logger except {@value #AUDIT_LOGGER};
 *       exceptions as one line - this is the file fail2ban reads;</li>
 *   <li>{@code audit.log}: only {@value #AUDIT_LOGGER} and its children;</li>
 *   <li>{@code debug.log}: FINE and above from everything, with stack traces;</li>
 *   <li>optionally stderr at INFO, in the same format.</li>
 * </ul>
 */
public final class LogSetup implements AutoCloseable {

    /** Name of the logger whose records go to audit.log only (besides debug.log and the console). */
    public static final String AUDIT_LOGGER = "classcord.audit";

    static final String ACTIVITY_FILE = "classcord.log";
    static final String AUDIT_FILE = "audit.log";
    static final String DEBUG_FILE = "debug.log";
    static final java.time.Duration FLUSH_INTERVAL = java.time.Duration.ofSeconds(1);

    /** Chatty at FINE: left at INFO so debug.log stays about Classcord. */
    static final List<String> QUIET_LOGGERS =
            List.of("io.helidon", "com.zaxxer", "org.sqlite", "jdk", "sun", "javax.management");

    /** Loggers of libraries whose information lines are details for debug.log (see isLibraryDetail). */
    static final List<String> LIBRARY_LOGGERS = List.of("com.zaxxer", "io.helidon", "org.sqlite", "jdk", "sun");

    private final Logger root;
    private final List<ReopeningFileHandler> files;
    private final List<Handler> handlers;
    // LogManager holds loggers weakly: a level set on an otherwise unreferenced logger is lost when the
    // logger is collected, so every logger given a level here is kept reachable.
    private final Map<String, Logger> leveled = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final java.util.concurrent.CountDownLatch stopFlushing = new java.util.concurrent.CountDownLatch(1);
    private final Thread flusher;

    private LogSetup(Logger root, List<ReopeningFileHandler> files, List<Handler> handlers) {
        this.root = root;
        this.files = List.copyOf(files);
        this.handlers = List.copyOf(handlers);
        // Buffered INFO lines (see flushLevel in configure, and ConsoleLogHandler) are written within a second.
        this.flusher = Thread.ofVirtual().name("classcord-log-flusher").start(this::flushEverySecond);
    }

    private void flushEverySecond() {
        try {
            // Not interrupted to stop: an interrupt during a write would close the file's channel.
            while (!stopFlushing.await(FLUSH_INTERVAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                handlers.forEach(Handler::flush);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Resets the JUL configuration and installs the log files under {@code logDir} (created if missing).
     *
     * @param console whether to also log INFO and above to stderr
     * @throws IOException if a log file cannot be opened; nothing is installed then
     */
    public static LogSetup configure(Path logDir, boolean console) throws IOException {
        return configure(logDir, console ? System.err : null);
    }

    /** @param console stream for console logging, or null for none; tests pass their own */
    static LogSetup configure(Path logDir, PrintStream console) throws IOException {
        List<ReopeningFileHandler> files = new ArrayList<>();
        List<Handler> handlers = new ArrayList<>();
        try {
            ReopeningFileHandler activity = file(logDir.resolve(ACTIVITY_FILE), Level.INFO, false, files);
            // One line per chat message: written in batches, at most a second late; warnings
            // (failed logins for fail2ban) and errors are still written at once.
            activity.flushLevel(Level.WARNING);
            activity.setFilter(record -> !isAudit(record) && !isLibraryDetail(record));
            ReopeningFileHandler audit = file(logDir.resolve(AUDIT_FILE), Level.ALL, false, files);
            audit.setFilter(LogSetup::isAudit);
            file(logDir.resolve(DEBUG_FILE), Level.FINE, true, files).flushLevel(Level.WARNING);
        } catch (IOException | RuntimeException e) {
            files.forEach(Handler::close);
            throw e;
        }
        handlers.addAll(files);
        if (console != null) {
            Handler stderr = new ConsoleLogHandler(console);
            stderr.setLevel(Level.INFO);
            stderr.setFilter(record -> !isLibraryDetail(record));
            stderr.setFormatter(new CourseLogFormatter(false));
            handlers.add(stderr);
        }

        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        LogSetup setup = new LogSetup(root, files, handlers);
        root.setLevel(Level.FINE);
        for (String name : QUIET_LOGGERS) {
            setup.setLevel(name, Level.INFO);
        }
        handlers.forEach(root::addHandler);
        return setup;
    }

    private static ReopeningFileHandler file(Path path, Level level, boolean stackTraces,
                                             List<ReopeningFileHandler> opened) throws IOException {
        ReopeningFileHandler handler = new ReopeningFileHandler(path);
        opened.add(handler);
        handler.setLevel(level);
        handler.setFormatter(new CourseLogFormatter(stackTraces));
        return handler;
    }

    /**
     * Libraries' information lines (HikariCP's "Added connection", Helidon WebServer's "bound for
     * socket", "Started all channels"): debug.log only. Their warnings and errors still reach the
     * activity log and the console.
     */
    static boolean isLibraryDetail(LogRecord record) {
        String name = record.getLoggerName();
        return record.getLevel().intValue() < Level.WARNING.intValue() && isLibraryLogger(name);
    }

    /**
     * For one-shot maintenance commands: no log files, only warnings and errors of Classcord itself
     * on stderr, so that the command's own output is all the operator reads.
     */
    public static void quietForCommand() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        Handler stderr = new ConsoleLogHandler(System.err);
        stderr.setLevel(Level.WARNING);
        stderr.setFilter(record -> !isLibraryLogger(record.getLoggerName()));
        root.addHandler(stderr);
    }

    private static boolean isLibraryLogger(String name) {
        return name != null && LIBRARY_LOGGERS.stream().anyMatch(prefix -> name.equals(prefix) || name.startsWith(prefix + "."));
    }

    static boolean isAudit(LogRecord record) {
        String name = record.getLoggerName();
        return name != null && (name.equals(AUDIT_LOGGER) || name.startsWith(AUDIT_LOGGER + "."));
    }

    /** Sets a logger's level (null: inherit from its parent) and keeps it from being garbage-collected. */
    public void setLevel(String loggerName, Level level) {
        Logger logger = leveled.computeIfAbsent(loggerName, Logger::getLogger);
        logger.setLevel(level);
    }

    /**
     * Reopens every log file at its path now, for the admin "reopen logs" command after a manual
     * rotation. Every file is attempted; the first failure is thrown with later ones suppressed.
     */
    public void reopenFiles() throws IOException {
        IOException failure = null;
        for (ReopeningFileHandler file : files) {
            try {
                file.reopen();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Flushes every handler (file handlers also check for rotation first). */
    public void flush() {
        handlers.forEach(Handler::flush);
    }

    /** Detaches and closes the handlers; idempotent, and harmless after LogManager's own reset. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopFlushing.countDown();
        try {
            flusher.join(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Handler handler : handlers) {
            root.removeHandler(handler);
            handler.close();
        }
    }
}
