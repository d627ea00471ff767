package io.classcord.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The directory a server writes its logs in ({@code classcord.log}, {@code audit.log},
 * {@code debug.log}), read as an operator or fail2ban reads the files.
 *
 * @param dir the server's {@code classcord.logging.dir}
 */
public record LogDir(Path dir) {

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The lines of a log file so far; none while the server has not created it. */
    public List<String> lines(String name) {
        try {
            return Files.readAllLines(file(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until a log file holds at least {@code count} lines that {@code wanted} accepts (the server
     * writes its logs asynchronously) and returns them, oldest first.
     *
     * @param what the lines wanted, for the failure message (e.g. "containing '[LOGIN]'")
     */
    public List<String> awaitLines(String name, String what, Predicate<String> wanted, int count, Duration limit) {
        AtomicReference<List<String>> matching = new AtomicReference<>(List.of());
        try {
            Waits.until(name + " with " + count + " line(s) " + what, limit, () -> {
                matching.set(lines(name).stream().filter(wanted).toList());
                return matching.get().size() >= count;
            });
        } catch (AssertionError e) {
            throw new AssertionError(name + " has " + matching.get().size() + " line(s) " + what + ", expected " + count, e);
        }
        return matching.get();
    }
}
