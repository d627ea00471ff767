package io.classcord.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

import io.classcord.storage.BackupResult;
import io.classcord.storage.DatabaseBackup;
import io.classcord.storage.StorageException;

/**
 * {@code classcord backup [--dest DIR] [--keep N]}: a checked online copy of the live database named
 * {@code classcord-YYYYMMDD-HHMMSS.db} (UTC, so names sort by age), then removal of the oldest copies
 * beyond {@code N} in that directory. Safe while the server runs.
 */
final class BackupCommand {

    static final String PREFIX = "classcord-";
    static final String SUFFIX = ".db";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path database;
    private final Path dest;
    private final int keep;
    private final Clock clock;

    BackupCommand(Path database, Path dest, int keep, Clock clock) {
        this.database = database;
        this.dest = dest;
        this.keep = keep;
        this.clock = clock;
    }

    /**
     * The command line's {@code --dest} and {@code --keep} (null when not given) over
     * {@code classcord.backup.dir/keep}; throws IllegalArgumentException, worded for the operator,
     * for a negative count.
     */
    static BackupCommand of(Settings settings, Path dest, Integer keep, Texts texts) {
        Path directory = dest != null ? dest : settings.backup().dir();
        int count = keep != null ? keep : settings.backup().keep();
        if (count < 0) {
            throw new IllegalArgumentException(texts.get("keep.negative", count));
        }
        return new BackupCommand(settings.store().file(), directory, count, Clock.systemUTC());
    }

    int run(PrintStream out, PrintStream err) {
        Path target = dest.resolve(PREFIX + STAMP.format(clock.instant()) + SUFFIX);
        BackupResult result;
        try {
            result = DatabaseBackup.copy(database, target);
        } catch (StorageException e) {
            err.println("classcord: " + e.getMessage());
            return 1;
        }
        out.printf("Backup written: %s (%d bytes, integrity ok, %d users, %d messages)%n",
                result.file(), result.bytes(), result.users(), result.messages());
        try {
            for (Path old : beyondRetention()) {
                Files.delete(old);
                out.println("Removed old backup " + old);
            }
        } catch (IOException e) {
            err.println("classcord: backup written, but old backups could not be removed: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private List<Path> beyondRetention() throws IOException {
        if (keep == 0) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dest)) {
            List<Path> backups = files
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
                    })
                    .sorted()
                    .toList();
            return backups.subList(0, Math.max(0, backups.size() - keep));
        }
    }
}
