package io.classcord.admin.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.classcord.storage.ChatStore;

/**
 * Writes {@code messages_export_YYYY-MM-DD.csv} and {@code users_export_YYYY-MM-DD.csv} (the course's
 * names) in UTF-8 with a header row. A second export on the same day replaces the first. The password
 * column is never read, so it cannot end up in a file.
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

    private final ChatStore store;
    private final Path directory;
    private final Clock clock;

    public Exporter(ChatStore store, Path directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    public List<Written> export(List<Kind> kinds) throws IOException {
        Files.createDirectories(directory);
        List<Written> written = new ArrayList<>();
        for (Kind kind : kinds) {
            written.add(write(kind));
        }
        return written;
    }

    private Written write(Kind kind) throws IOException {
        Path target = directory.resolve(kind.label() + "_export_" + LocalDate.now(clock) + ".csv");
        // Written beside the target and moved over it: a reader never sees half a file.
        Path partial = Files.createTempFile(directory, kind.label() + "_export_", ".csv.part");
        long[] rows = {0};
        try {
            try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                Csv csv = new Csv(writer);
                if (kind == Kind.MESSAGES) {
                    csv.record(MESSAGE_HEADER);
                    store.forEachMessage(m -> row(csv, rows, List.of(m.id(), nz(m.timestamp()), nz(m.channel()),
                            nz(m.sender()), nz(m.recipient()), m.userId() == null ? "" : m.userId(), nz(m.content()))));
                } else {
                    csv.record(USER_HEADER);
                    store.forEachUser(u -> row(csv, rows, List.of(u.id(), u.username(), u.role(), u.banned() ? 1 : 0,
                            nz(u.createdAt()), nz(u.lastLogin()))));
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

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
