package io.classcord.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.classcord.storage.ChatStore;
import io.classcord.storage.ImportReport;
import io.classcord.storage.StorageException;

/**
 * One-shot commands on the database, run while the server is stopped or running (SQLite WAL allows
 * both; they do not take the server's lock).
 */
final class Maintenance {

    private Maintenance() {
    }

    /** {@code import-legacy DB [--rename OLD=NEW]...}: exit 2 if DB is missing or not a course database. */
    static int importLegacy(Settings settings, Path courseDatabase, Map<String, String> renames, Texts texts,
                            PrintStream out, PrintStream err) {
        if (!Files.isRegularFile(courseDatabase)) {
            err.println(texts.get("no.such.database", courseDatabase.toAbsolutePath()));
            return 2;
        }
        try (ChatStore store = ChatStore.open(settings.store())) {
            ImportReport report;
            try {
                report = store.importLegacy(courseDatabase, renames);
            } catch (StorageException e) {
                DebugLog.append(null, e);
                err.println(texts.get("not.database", courseDatabase.toAbsolutePath(), Problems.reason(Problems.root(e), texts)));
                return 2;
            }
            out.println(texts.get("import.done", report.usersImported(), report.messagesImported(), courseDatabase));
            if (!report.skippedAccounts().isEmpty()) {
                out.println(texts.get("import.skipped", report.skippedAccounts().size()));
                for (ImportReport.SkippedAccount skipped : report.skippedAccounts()) {
                    out.println(skipped.existing() == null ? texts.get("import.skipped.invalid", skipped.name())
                            : texts.get("import.skipped.exists", skipped.name(), skipped.existing()));
                }
                out.println(texts.get("import.rename.hint", courseDatabase));
            }
            return 0;
        }
    }

    static int setRole(Settings settings, String user, String role, Texts texts, PrintStream out, PrintStream err) {
        String normalized = role.toLowerCase(Locale.ROOT);
        if (!normalized.equals("user") && !normalized.equals("admin")) {
            throw new IllegalArgumentException("set-role " + user + " " + role + " : " + texts.get("expected.role"));
        }
        try (ChatStore store = ChatStore.open(settings.store())) {
            if (!store.setRole(user, normalized)) {
                err.println(texts.get("no.account", user));
                return 1;
            }
            out.println(texts.get("role.set", user, normalized));
            return 0;
        }
    }
}
