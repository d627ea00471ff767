package io.classcord.app.logging;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.ErrorManager;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Log lines on the console (stderr, which journald reads under systemd), never closing the stream.
 *
 * <p>Every line is written at once, except the chat traffic's information lines (one per message,
 * login and departure): those wait in a buffer for the next line that is written at once, a full
 * buffer or {@link LogSetup}'s flush every second. A classroom storm then costs a few writes, not one
 * per line. A line written at once is written under the lock: a console that blocks (a stopped
 * terminal) still stalls whoever logs, as any console handler does.
 */
final class ConsoleLogHandler extends LineHandler {

    /** The engine's logger: its INFO lines are the per-message and per-connection ones. */
    static final String CHAT_LOGGER = "classcord.chat";

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock();

    ConsoleLogHandler(OutputStream stream) {
        this.out = new BufferedOutputStream(stream, 8192);
        setFormatter(new CourseLogFormatter(false));
    }

    @Override
    public void publish(LogRecord record) {
        byte[] line = lineOf(record);
        if (line == null) {
            return;
        }
        boolean buffered = CHAT_LOGGER.equals(record.getLoggerName())
                && record.getLevel().intValue() < Level.WARNING.intValue();
        lock.lock();
        try {
            out.write(line);
            if (!buffered) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("Cannot write to the console", e, ErrorManager.WRITE_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            out.flush();
        } catch (IOException e) {
            reportError("Cannot flush the console", e, ErrorManager.FLUSH_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes only: the console belongs to the process. */
    @Override
    public void close() {
        flush();
    }
}
