package io.classcord.storage.sqlite;

import io.classcord.storage.StoredMessage;

import io.helidon.dbclient.DbRow;

/**
 * Reads columns without Helidon's type mappers.
 *
 * <p>SQLite is dynamically typed: sqlite-jdbc returns {@code Integer} or {@code Long} for the same
 * INTEGER column depending on the value's size, and a course database may hold numbers in TEXT
 * columns. Asking the mapper for {@code Long} from an {@code Integer} fails, so we take the raw
 * value and convert it ourselves.
 */
final class Rows {

    static final String MESSAGE_COLUMNS = "id, user_id, sender, channel, recipient, content, timestamp";

    private Rows() {
    }

    static long longValue(DbRow row, String column) {
        Long value = nullableLong(row, column);
        if (value == null) {
            throw new IllegalStateException("Column " + column + " is unexpectedly NULL");
        }
        return value;
    }

    static Long nullableLong(DbRow row, String column) {
        Object value = row.column(column).get(Object.class);
        return switch (value) {
            case null -> null;
            case Number number -> number.longValue();
            default -> Long.valueOf(value.toString().trim());
        };
    }

    static String text(DbRow row, String column) {
        Object value = row.column(column).get(Object.class);
        return value == null ? null : value.toString();
    }

    static boolean flag(DbRow row, String column) {
        Long value = nullableLong(row, column);
        return value != null && value != 0;
    }

    /** Maps a row selected with {@link #MESSAGE_COLUMNS}. */
    static StoredMessage message(DbRow row) {
        return new StoredMessage(longValue(row, "id"), nullableLong(row, "user_id"), text(row, "sender"),
                text(row, "channel"), text(row, "recipient"), text(row, "content"), text(row, "timestamp"));
    }
}
