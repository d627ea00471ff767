package io.classcord.app.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReopeningFileHandlerTest {

    /** Just the message, so tests can compare file contents line by line. */
    private static final Formatter MESSAGE_ONLY = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record) + "\n";
        }
    };

    @TempDir
    Path dir;

    private final AtomicLong ticker = new AtomicLong();

    private ReopeningFileHandler handler(Path path, Duration interval) throws IOException {
        ReopeningFileHandler handler = new ReopeningFileHandler(path, interval, ticker::get);
        handler.setFormatter(MESSAGE_ONLY);
        handler.setErrorManager(new ErrorManager() {
            @Override
            public synchronized void error(String msg, Exception ex, int code) {
                throw new AssertionError("handler reported: " + msg, ex);
            }
        });
        return handler;
    }

    private static void log(ReopeningFileHandler handler, String message) {
        handler.publish(new LogRecord(Level.INFO, message));
    }

    private static List<String> lines(Path path) throws IOException {
        return Files.readAllLines(path, UTF_8);
    }

    @Test
    void appendsUtf8ToAnExistingFileAndCreatesParentDirectories() throws IOException {
        Path path = dir.resolve("a/b/classcord.log");
        Files.createDirectories(path.getParent());
        Files.writeString(path, "earlier\n");
        try (ReopeningFileHandler handler = handler(path, Duration.ZERO)) {
            log(handler, "Grüße ✓ 日本");
            // Visible without flush()/close(): every record is flushed.
            assertEquals(List.of("earlier", "Grüße ✓ 日本"), lines(path));
        }

        Path fresh = dir.resolve("x/y/debug.log");
        try (ReopeningFileHandler handler = handler(fresh, Duration.ZERO)) {
            log(handler, "first");
            assertEquals(List.of("first"), lines(fresh));
        }
    }

    @Test
    void aThreadLoggingWhileInterruptedDoesNotCloseTheFile() throws Exception {
        Path path = dir.resolve("classcord.log");
        try (ReopeningFileHandler handler = handler(path, Duration.ZERO)) {
            Thread interrupted = Thread.ofPlatform().start(() -> {
                Thread.currentThread().interrupt();
                log(handler, "from an interrupted thread");
            });
            interrupted.join();
            log(handler, "afterwards");
            assertEquals(List.of("from an interrupted thread", "afterwards"), lines(path));
        }
    }

    @Test
    void createdFilesAreNotWorldReadable() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path path = dir.resolve("classcord.log");
        try (ReopeningFileHandler handler = handler(path, Duration.ZERO)) {
            assertPermissionsAtMost640(path);
            Files.move(path, dir.resolve("classcord.log.1"));
            log(handler, "after rotation");
            assertPermissionsAtMost640(path);
        }
    }

    private static void assertPermissionsAtMost640(Path path) throws IOException {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        // rw-r----- unless a stricter umask removed more; the owner must still be able to write.
        assertTrue(mode.contains(PosixFilePermission.OWNER_READ), mode.toString());
        assertTrue(mode.contains(PosixFilePermission.OWNER_WRITE), mode.toString());
        Set<PosixFilePermission> extra = new HashSet<>(mode);
        extra.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ));
        assertTrue(extra.isEmpty(), mode.toString());
    }

    @Test
    void followsRenameAndCreate() throws IOException {
        Path path = dir.resolve("classcord.log");
        Path rotated = dir.resolve("classcord.log.1");
        try (ReopeningFileHandler handler = handler(path, Duration.ZERO)) {
            log(handler, "one");
            log(handler, "two");
            Files.move(path, rotated);
            Files.createFile(path); // logrotate's "create"
            log(handler, "three");
        }
        assertEquals(List.of("one", "two"), lines(rotated));
        assertEquals(List.of("three"), lines(path));
    }

    @Test
    void recreatesAFileThatWasRenamedAway() throws IOException {
        Path path = dir.resolve("classcord.log");
        Path rotated = dir.resolve("classcord.log.1");
        try (ReopeningFileHandler handler = handler(path, Duration.ZERO)) {
            log(handler, "one");
            Files.move(path, rotated); // no "create": the handler makes the new file itself
            log(handler, "two");
        }
        assertEquals(List.of("one"), lines(rotated));
        assertEquals(List.of("two"), lines(path));
    }

    @Test
    void checksAtMostOncePerIntervalButAlwaysOnFlush() throws IOException {
        Path path = dir.resolve("classcord.log");
        Path first = dir.resolve("classcord.log.1");
        Path second = dir.resolve("classcord.log.2");
        try (ReopeningFileHandler handler = handler(path, Duration.ofSeconds(1))) {
            log(handler, "a");
            Files.move(path, first);
            Files.createFile(path);
            ticker.addAndGet(Duration.ofMillis(999).toNanos());
            log(handler, "b"); // within the interval: still the renamed file, and not lost
            ticker.addAndGet(Duration.ofMillis(1).toNanos());
            log(handler, "c"); // interval over: reopened
            assertEquals(List.of("a", "b"), lines(first));
            assertEquals(List.of("c"), lines(path));

            Files.move(path, second);
            handler.flush(); // no time has passed and nobody created the file, yet flush reopens
            log(handler, "d");
            assertEquals(List.of("c"), lines(second));
            assertEquals(List.of("d"), lines(path));
        }
    }

    @Test
    void leavesCreatingTheNewFileToLogrotateForOneInterval() throws IOException {
        Path path = dir.resolve("classcord.log");
        Path first = dir.resolve("classcord.log.1");
        Path second = dir.resolve("classcord.log.2");
        long oneSecond = Duration.ofSeconds(1).toNanos();
        try (ReopeningFileHandler handler = handler(path, Duration.ofSeconds(1))) {
            log(handler, "a");
            Files.move(path, first);
            ticker.addAndGet(oneSecond);
            log(handler, "b"); // path missing: logrotate may be about to create it
            assertFalse(Files.exists(path));
            Files.createFile(path); // ... and it does, without "File exists"
            ticker.addAndGet(oneSecond);
            log(handler, "c");
            assertEquals(List.of("a", "b"), lines(first));
            assertEquals(List.of("c"), lines(path));

            Files.move(path, second); // this time nobody creates it
            ticker.addAndGet(oneSecond);
            log(handler, "d");
            assertFalse(Files.exists(path));
            ticker.addAndGet(oneSecond);
            log(handler, "e");
            assertEquals(List.of("c", "d"), lines(second));
            assertEquals(List.of("e"), lines(path));
        }
    }

    @Test
    void explicitReopenIfMovedAndReopen() throws IOException {
        Path path = dir.resolve("classcord.log");
        try (ReopeningFileHandler handler = handler(path, Duration.ofDays(1))) {
            log(handler, "a");
            handler.reopenIfMoved(); // unchanged: keeps the file
            Files.move(path, dir.resolve("classcord.log.1"));
            handler.reopenIfMoved();
            log(handler, "b");
            assertEquals(List.of("b"), lines(path));

            handler.reopen(); // same file again: appends, loses nothing
            log(handler, "c");
            assertEquals(List.of("b", "c"), lines(path));
        }
    }

    @Test
    void copytruncateNeedsNoReopen() throws IOException {
        Path path = dir.resolve("classcord.log");
        try (ReopeningFileHandler handler = handler(path, Duration.ofDays(1))) {
            log(handler, "before");
            Files.copy(path, dir.resolve("classcord.log.1"));
            Files.newByteChannel(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING).close();
            log(handler, "after");
        }
        // Append mode: no hole of NUL bytes where the old content was.
        assertEquals("after\n", Files.readString(path, UTF_8));
    }

    @Test
    void noLineIsLostWhileRotatingUnderConcurrentWrites() throws Exception {
        Path path = dir.resolve("classcord.log");
        Path rotated = dir.resolve("classcord.log.1");
        int threads = 4;
        int perThread = 250;
        CountDownLatch halfway = new CountDownLatch(threads);
        CountDownLatch renamed = new CountDownLatch(1);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());

        try (ReopeningFileHandler handler = handler(path, Duration.ZERO)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            if (i == perThread / 2) {
                                halfway.countDown();
                            }
                            if (i == perThread * 4 / 5) {
                                renamed.await(); // the last fifth is certainly written after the rename
                            }
                            log(handler, "line " + id + "-" + i);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            halfway.await();
            Files.move(path, rotated); // while the writers are still going
            renamed.countDown();
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());

        List<String> old = lines(rotated);
        List<String> current = lines(path);
        assertEquals(threads * perThread, old.size() + current.size());
        Set<String> all = new HashSet<>(old);
        all.addAll(current);
        assertEquals(threads * perThread, all.size(), "every line exactly once");
        assertTrue(old.size() >= threads * perThread / 2, "lines before the rename stay in the renamed file");
        for (int t = 0; t < threads; t++) {
            for (int i = perThread * 4 / 5; i < perThread; i++) {
                assertTrue(current.contains("line " + t + "-" + i), "late line " + t + "-" + i);
            }
        }
    }

    @Test
    void respectsLevelAndIgnoresRecordsAfterAnIdempotentClose() throws IOException {
        Path path = dir.resolve("classcord.log");
        ReopeningFileHandler handler = handler(path, Duration.ZERO);
        handler.setLevel(Level.INFO);
        handler.publish(new LogRecord(Level.FINE, "fine"));
        log(handler, "info");
        handler.close();
        handler.close();
        log(handler, "after close");
        handler.flush();
        handler.reopen();
        assertEquals(List.of("info"), lines(path));
        assertFalse(Files.exists(dir.resolve("classcord.log.1")));
    }
}
