package io.classcord.admin.health;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The line the backup units leave in their status file ({@code ok|failed <UTC time> <unit>}, see the
 * Ansible role): what {@code /health} reports about backups. Read on each request, so a failure shows
 * as soon as the unit that reports it has run.
 */
public final class BackupStatus {

    /** A status line is short; a larger file is not one, and is not read further. */
    private static final int MAX_BYTES = 256;

    private final Path file;

    public BackupStatus(Path file) {
        this.file = file;
    }

    /** The file's first line, or a short explanation when there is none to read. */
    public String line() {
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("").strip();
            return first.isEmpty() ? "unknown (empty status file)" : first;
        } catch (NoSuchFileException e) {
            return "unknown (no backup has run yet)";
        } catch (IOException e) {
            return "unknown (status file unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
