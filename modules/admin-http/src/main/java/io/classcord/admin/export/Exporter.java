package io.classcord.admin.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.classcord.admin.CsvDialect;
import io.classcord.storage.ChatStore;

/**
 * Writes {@code messages_export_YYYY-MM-DD.csv} and {@code users_export_YYYY-MM-DD.csv} (the course's
 * names) in UTF-8 with a header row, in the configured {@link CsvDialect}. A second export on the same
 * day replaces the first. The password column is never read, so it cannot end up in a file.
 *
 * <p>Every time in both files has one format: ISO-8601 local time of the server with its offset, to the
 * second ({@code 2025-06-20T17:12:40+02:00}). The database keeps message times as local time without
 * zone (the course's format) and account times as UTC instants with nanoseconds; a teacher reads the
 * wall-clock time of the class, the offset keeps it unambiguous across a DST change or another machine,
 * and the text sorts in time order.
 */
public final class Exporter {

    /** What can be exported. */
    public enum Kind {
        MESSAGES("messages"), USERS("users");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One written file and how many data rows (header excluded) it holds. */
    public record Written(Kind kind, Path file, long rows) {
    }

    static final List<String> MESSAGE_HEADER = List.of("id", "timestamp", "channel", "sender", "recipient", "user_id", "content");
    static final List<String> USER_HEADER = List.of("id", "username", "role", "banned", "created_at", "last_login");

    /** The names {@link #export} writes; nothing else in the directory is ever served. */
    private static final Pattern EXPORT_NAME = Pattern.compile("(messages|users)_export_\\d{4}-\\d{2}-\\d{2}\\.csv");

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final ChatStore store;
    private final Path directory;
    private final Clock clock;
    private final CsvDialect dialect;

    public Exporter(ChatStore store, Path directory, Clock clock, CsvDialect dialect) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.dialect = dialect;
    }

    public List<Written> export(List<Kind> kinds) throws IOException {
        Files.createDirectories(directory);
        List<Written> written = new ArrayList<>();
        for (Kind kind : kinds) {
            written.add(write(kind));
        }
        return written;
    }

    /**
     * A file this exporter wrote, by its plain name: anything that is not an export's name (a path,
     * {@code ..}, another file of the directory) is never found.
     */
    public Optional<Path> find(String fileName) {
        if (fileName == null || !EXPORT_NAME.matcher(fileName).matches()) {
            return Optional.empty();
        }
        Path file = directory.resolve(fileName);
        return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Optional.of(file) : Optional.empty();
    }

    private Written write(Kind kind) throws IOException {
        Path target = directory.resolve(kind.label() + "_export_" + LocalDate.now(clock) + ".csv");
        // Written beside the target and moved over it: a reader never sees half a file.
        Path partial = Files.createTempFile(directory, kind.label() + "_export_", ".csv.part");
        long[] rows = {0};
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                if (dialect.bom()) {
                    writer.write('\uFEFF');
                }
                Csv csv = new Csv(writer, dialect.separator());
                ZoneId zone = clock.getZone();
                if (kind == Kind.MESSAGES) {
                    csv.record(MESSAGE_HEADER);
                    store.forEachMessage(m -> row(csv, rows, List.of(m.id(), localTime(m.timestamp(), zone), nz(m.channel()),
                            nz(m.sender()), nz(m.recipient()), m.userId() == null ? "" : m.userId(), nz(m.content()))));
                } else {
                    csv.record(USER_HEADER);
                    store.forEachUser(u -> row(csv, rows, List.of(u.id(), u.username(), u.role(), u.banned() ? 1 : 0,
                            instant(u.createdAt(), zone), instant(u.lastLogin(), zone))));
                }
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(partial);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return new Written(kind, target, rows[0]);
    }

    private static void row(Csv csv, long[] rows, List<?> fields) {
        try {
            csv.record(fields);
            rows[0]++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message time (local, without zone, as the server wrote it) with the server's offset at that time. */
    static String localTime(String stored, ZoneId zone) {
        if (stored == null || stored.isBlank()) {
            return "";
        }
        try {
            // Course databases may hold "2025-06-20 17:12:40".
            return TIME.format(LocalDateTime.parse(stored.strip().replace(' ', 'T')).atZone(zone));
        } catch (DateTimeParseException e) {
            return stored;
        }
    }

    /** An account time (a UTC instant) in the server's local time with its offset. */
    static String instant(String stored, ZoneId zone) {
        if (stored == null || stored.isBlank()) {
            return "";
        }
        try {
            return TIME.format(Instant.parse(stored).atZone(zone));
        } catch (DateTimeParseException e) {
            return stored;
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
