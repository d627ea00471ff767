package io.classcord.app.logging;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.ErrorManager;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Appends formatted records to one file and follows logrotate's rename-and-create: when the path no
 * longer names the file that is open, the handler reopens the path. Until it notices, lines keep going
 * to the renamed file, so nothing is lost.
 *
 * <p>{@code copytruncate} rotation needs no reopening: the file is opened in append mode, so writes
 * continue at the new end of the truncated file.
 *
 * <p>Always writes UTF-8, whatever {@link #setEncoding} was given: the course tools read UTF-8.
 */
final class ReopeningFileHandler extends LineHandler implements AutoCloseable {

    static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    private static final int BUFFER_SIZE = 8192;

    private final Path path;
    private final long checkIntervalNanos;
    private final LongSupplier nanoTime;
    // Not synchronized: before JDK 24 that pinned the carrier of a virtual thread blocked on file I/O.
    private final ReentrantLock lock = new ReentrantLock();

    /** Records at or above this level are flushed at once; others wait for {@link #flush()} or a full buffer. */
    private volatile Level flushLevel = Level.ALL;

    // Guarded by lock. A failed reopen keeps the old stream, so out is null only once closed.
    private OutputStream out;
    private Object fileKey;
    private long lastCheck;
    private long missingSince;
    private boolean missing;
    private boolean closed;

    /** Opens (creating if needed) {@code path} for appending; fails fast if it cannot be written. */
    ReopeningFileHandler(Path path) throws IOException {
        this(path, DEFAULT_CHECK_INTERVAL, System::nanoTime);
    }

    /**
     * @param checkInterval how long a write may trust the open file before comparing it with the path
     *                      again; zero checks before every write
     * @param nanoTime      monotonic time source, injectable so tests need not sleep
     */
    ReopeningFileHandler(Path path, Duration checkInterval, LongSupplier nanoTime) throws IOException {
        this.path = path.toAbsolutePath();
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
        lock.lock();
        try {
            open();
            lastCheck = nanoTime.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void publish(LogRecord record) {
        byte[] line = lineOf(record);
        if (line == null) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long now = nanoTime.getAsLong();
            if (now - lastCheck >= checkIntervalNanos) {
                lastCheck = now;
                checkOnWrite(now);
            }
            if (out != null) {
                out.write(line);
                // fail2ban must see a failed login (a WARNING) promptly; one line per chat message
                // need not cost a write each, LogSetup flushes the rest every second.
                if (record.getLevel().intValue() >= flushLevel.intValue()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            reportError("Cannot write to " + path, e, ErrorManager.WRITE_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records below {@code level} are buffered (up to 8 KB) instead of being written one by one; the
     * owner must then call {@link #flush()} regularly. The default, {@code ALL}, writes every record.
     */
    void flushLevel(Level level) {
        flushLevel = level;
    }

    /** Flushes, first switching to a new file at the path if the old one was rotated away. */
    @Override
    public void flush() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            lastCheck = nanoTime.getAsLong();
            reopenIfMovedLocked();
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            reportError("Cannot flush " + path, e, ErrorManager.FLUSH_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    /** Reopens the path now if it is missing or no longer the open file. */
    void reopenIfMoved() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                lastCheck = nanoTime.getAsLong();
                reopenIfMovedOrThrow();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reopens the path unconditionally, for file systems without file keys and for admins who rotated
     * by hand. If opening fails the old file stays in use.
     */
    void reopen() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                lastCheck = nanoTime.getAsLong();
                open();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Idempotent: LogManager's shutdown hook may close the handler again after the server did. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException e) {
            reportError("Cannot close " + path, e, ErrorManager.CLOSE_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    private void reopenIfMovedLocked() {
        try {
            reopenIfMovedOrThrow();
        } catch (IOException e) {
            reportError("Cannot reopen " + path, e, ErrorManager.OPEN_FAILURE);
        }
    }

    /*
     * logrotate renames the file and then creates the new one itself ("create" mode, with its own
     * owner and mode, failing if the file exists). Creating it first from a write that falls between
     * the two steps would break that, so a missing path is only recreated here once it has stayed
     * missing for a whole check interval; meanwhile lines go to the renamed file.
     */
    private void checkOnWrite(long now) {
        try {
            Object key = currentKey();
            if (key == null && fileKey != null) {
                if (!missing) {
                    missing = true;
                    missingSince = now;
                }
                if (now - missingSince < checkIntervalNanos) {
                    return;
                }
            } else {
                missing = false;
            }
            if (!Objects.equals(fileKey, key)) {
                open();
            }
        } catch (IOException e) {
            reportError("Cannot reopen " + path, e, ErrorManager.OPEN_FAILURE);
        }
    }

    private void reopenIfMovedOrThrow() throws IOException {
        if (out == null || !Objects.equals(fileKey, currentKey())) {
            open();
        }
    }

    /** The key of the file the path names now, or null if there is none (rotated, not yet recreated). */
    private Object currentKey() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Opens the new stream before closing the old one, so a failure leaves logging where it was. */
    private void open() throws IOException {
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream opened = null;
        Object openedKey = null;
        // There is no way to ask an open stream for its file key, so the path's key is read before and
        // after opening: if a rotation slipped in between, the two differ and we open again.
        for (int attempt = 0; opened == null; attempt++) {
            createIfMissing();
            Object before = currentKey();
            // A FileOutputStream, not a channel: an interruptible channel is closed for good when a thread
            // that is being interrupted logs (Helidon interrupts its listener threads on stop), and every
            // later line would be lost.
            OutputStream candidate = new BufferedOutputStream(new FileOutputStream(path.toFile(), true), BUFFER_SIZE);
            try {
                openedKey = currentKey();
            } catch (IOException | RuntimeException e) {
                candidate.close();
                throw e;
            }
            if (Objects.equals(before, openedKey) || attempt >= 2) {
                opened = candidate;
            } else {
                candidate.close();
            }
        }
        OutputStream old = out;
        out = opened;
        fileKey = openedKey;
        missing = false;
        if (old != null) {
            try {
                old.close();
            } catch (IOException e) {
                reportError("Cannot close the rotated " + path, e, ErrorManager.CLOSE_FAILURE);
            }
        }
    }

    /** Logs may name users and addresses: new files are not world-readable (the umask may narrow further). */
    private void createIfMissing() throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix") || Files.exists(path)) {
            return;
        }
        FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));
        try {
            Files.createFile(path, mode);
        } catch (FileAlreadyExistsException e) {
            // Someone (logrotate's "create") made it meanwhile: keep their mode and owner.
        }
    }
}
