package io.classcord.app.logging;

import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** A handler that writes each record as one formatted UTF-8 line, formatted outside its lock. */
abstract class LineHandler extends Handler {

    /** The record's line, or null when it is not logged here or could not be formatted (reported). */
    final byte[] lineOf(LogRecord record) {
        if (!isLoggable(record)) {
            return null;
        }
        try {
            // Formatting and encoding before the lock keep the critical section down to the write.
            return getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("Cannot format log record", e, ErrorManager.FORMAT_FAILURE);
            return null;
        }
    }
}
