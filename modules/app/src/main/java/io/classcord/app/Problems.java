package io.classcord.app;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says why something failed in words: {@code AccessDeniedException: /x/logs} becomes "/x/logs:
 * permission denied", a wrapped SQLite error its own reason, instead of a bare path.
 */
final class Problems {

    private Problems() {
    }

    /** The message of {@code e}, followed by the reason of its root cause when that adds something. */
    static String describe(Throwable e) {
        String top = e.getMessage() == null ? "" : e.getMessage();
        Throwable root = root(e);
        if (root == e) {
            return reason(e, null);
        }
        String why = reason(root, null);
        return top.isEmpty() ? why : top.contains(why) ? top : top + ": " + why;
    }

    static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The reason of one exception; file-system ones as "FILE: reason" in the texts' language (English if null). */
    static String reason(Throwable e, Texts texts) {
        if (e instanceof FileSystemException fs) {
            String why = switch (fs) {
                case AccessDeniedException denied -> text(texts, "error.reason.denied", "permission denied");
                case NoSuchFileException missing -> text(texts, "error.reason.missing", "does not exist");
                case NotDirectoryException notDir -> text(texts, "error.reason.notdir", "not a directory");
                case FileAlreadyExistsException exists -> text(texts, "error.reason.exists", "exists and is not a directory");
                default -> fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
            };
            return fs.getFile() == null ? why : fs.getFile() + ": " + why;
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // SQLite's "[SQLITE_NOTADB] File opened that is not a database file (file is not a database)".
        return message.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "").lines().findFirst().orElse(message).strip();
    }

    private static String text(Texts texts, String key, String english) {
        return texts == null ? english : texts.get(key);
    }
}
