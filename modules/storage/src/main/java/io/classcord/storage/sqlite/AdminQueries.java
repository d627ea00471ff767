package io.classcord.storage.sqlite;

import io.classcord.identity.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.classcord.storage.MessageQuery;
import io.classcord.storage.Page;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.UserInfo;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * The administration's reads (paged lists, counts, exports) and bans. The password column is never
 * selected here, so no admin answer or export can carry it.
 */
final class AdminQueries {

    private static final String USER_COLUMNS = "id, username, role, banned, created_at, last_login";

    private final DbClient db;

    AdminQueries(DbClient db) {
        this.db = db;
    }

    boolean setBanned(String username, boolean banned) {
        return db.execute().update("UPDATE users SET banned = ? WHERE username_key = ?", banned ? 1 : 0,
                Identity.key(username)) > 0;
    }

    Optional<UserInfo> user(String username) {
        return db.execute().get("SELECT " + USER_COLUMNS + " FROM users WHERE username_key = ?", Identity.key(username))
                .map(AdminQueries::user);
    }

    Page<UserInfo> users(String search, int offset, int limit) {
        Page.checkBounds(offset, limit, MessageQuery.MAX_LIMIT);
        String where = "";
        List<Object> params = new ArrayList<>();
        if (search != null && !search.isBlank()) {
            // Matched on the key, so the search ignores case and Unicode form as logins do.
            where = " WHERE username_key LIKE ? ESCAPE '\\'";
            params.add("%" + escapeLike(Identity.key(search.strip())) + "%");
        }
        long total = count("SELECT COUNT(*) AS total FROM users" + where, params);
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        try (Stream<DbRow> rows = db.execute().query("SELECT " + USER_COLUMNS + " FROM users" + where
                + " ORDER BY username COLLATE NOCASE, id LIMIT ? OFFSET ?", paged.toArray())) {
            return new Page<>(rows.map(AdminQueries::user).toList(), offset, limit, total);
        }
    }

    Page<StoredMessage> messages(MessageQuery query) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (query.channel() != null) {
            conditions.add("channel = ?");
            params.add(query.channel());
        }
        if (query.user() != null) {
            // Guests have no account: their messages are found by the name they sent under.
            Optional<UserInfo> account = user(query.user());
            String name = account.map(UserInfo::username).orElse(query.user());
            conditions.add("(user_id = ? OR sender = ? OR recipient = ?)");
            params.add(account.map(UserInfo::id).orElse(-1L));
            params.add(name);
            params.add(name);
        }
        if (query.from() != null) {
            conditions.add("timestamp >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            conditions.add("timestamp < ?");
            params.add(query.to());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = count("SELECT COUNT(*) AS total FROM messages" + where, params);
        List<Object> paged = new ArrayList<>(params);
        paged.add(query.limit());
        paged.add(query.offset());
        try (Stream<DbRow> rows = db.execute().query("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages" + where
                + " ORDER BY id DESC LIMIT ? OFFSET ?", paged.toArray())) {
            return new Page<>(rows.map(Rows::message).toList(), query.offset(), query.limit(), total);
        }
    }

    Map<String, Long> channelMessageCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Stream<DbRow> rows = db.execute().query("SELECT channel, COUNT(*) AS total FROM messages "
                + "WHERE recipient IS NULL AND channel IS NOT NULL GROUP BY channel ORDER BY channel")) {
            rows.forEach(row -> counts.put(Rows.text(row, "channel"), Rows.longValue(row, "total")));
        }
        return counts;
    }

    void forEachUser(Consumer<UserInfo> action) {
        try (Stream<DbRow> rows = db.execute().query("SELECT " + USER_COLUMNS + " FROM users ORDER BY id")) {
            rows.map(AdminQueries::user).forEach(action);
        }
    }

    void forEachMessage(Consumer<StoredMessage> action) {
        try (Stream<DbRow> rows = db.execute().query("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages ORDER BY id")) {
            rows.map(Rows::message).forEach(action);
        }
    }

    void check() {
        db.execute().get("SELECT 1 AS ok").orElseThrow();
    }

    private long count(String sql, List<Object> params) {
        return db.execute().get(sql, params.toArray()).map(row -> Rows.longValue(row, "total")).orElse(0L);
    }

    private static UserInfo user(DbRow row) {
        return new UserInfo(Rows.longValue(row, "id"), Rows.text(row, "username"), Rows.text(row, "role"),
                Rows.flag(row, "banned"), Rows.text(row, "created_at"), Rows.text(row, "last_login"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
