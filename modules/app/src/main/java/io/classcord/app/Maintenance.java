package io.classcord.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.classcord.storage.ChatStore;
import io.classcord.storage.ImportReport;

/** One-shot commands on the database, run while the server is stopped or running (SQLite WAL allows both). */
final class Maintenance {

    private Maintenance() {
    }

    static int importLegacy(Settings settings, Path courseDatabase, PrintStream out) {
        if (!Files.isRegularFile(courseDatabase)) {
            throw new IllegalArgumentException("no such database file: " + courseDatabase.toAbsolutePath());
        }
        try (ChatStore store = ChatStore.open(settings.store())) {
            ImportReport report = store.importLegacy(courseDatabase);
            out.printf("Imported %d users (%d already existed, skipped) and %d messages from %s%n",
                    report.usersImported(), report.usersSkipped(), report.messagesImported(), courseDatabase);
            return 0;
        }
    }

    static int setRole(Settings settings, String user, String role, PrintStream out, PrintStream err) {
        String normalized = role.toLowerCase(Locale.ROOT);
        if (!normalized.equals("user") && !normalized.equals("admin")) {
            throw new IllegalArgumentException("role must be 'user' or 'admin', not '" + role + "'");
        }
        try (ChatStore store = ChatStore.open(settings.store())) {
            if (!store.setRole(user, normalized)) {
                err.println("classcord: no account named '" + user + "'");
                return 1;
            }
            out.println(user + " now has the role " + normalized);
            return 0;
        }
    }
}
