package io.classcord.app.console;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.classcord.admin.api.ChannelInfo;
import io.classcord.admin.api.ClientInfo;
import io.classcord.admin.api.Page;
import io.classcord.admin.api.StoredChatMessage;
import io.classcord.admin.api.UserAccount;

/** The admin API's records as the course's tables, with headers and yes/no in the console's language. */
final class RecordTables {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Messages texts;
    private final PrintStream out;

    RecordTables(Messages texts, PrintStream out) {
        this.texts = texts;
        this.out = out;
    }

    void clients(List<ClientInfo> clients) {
        Table table = new Table(columns("name", "ip", "port", "channel", "state", "since", "lines.in", "bytes.in",
                "lines.out", "bytes.out"));
        for (ClientInfo c : clients) {
            table.row(text(c.name()).isEmpty() ? texts.t("anonymous") : c.name(), c.ip(), c.port(), text(c.channel()),
                    text(c.state()), localTime(c.connectedSince()), c.linesIn(), c.bytesIn(), c.linesOut(), c.bytesOut());
        }
        table.print(out);
        out.println(texts.t("clients.count", clients.size()));
    }

    void channels(List<ChannelInfo> channels) {
        Table table = new Table(columns("channel", "open", "admin.only", "connections", "messages", "members"));
        for (ChannelInfo c : channels) {
            table.row(c.name(), yesNo(c.open()), yesNo(c.adminOnly()), c.connections(), c.storedMessages(),
                    String.join(", ", c.members() == null ? List.of() : c.members()));
        }
        table.print(out);
    }

    void users(Page<UserAccount> page) {
        Table table = userTable();
        page.items().forEach(u -> userRow(table, u));
        table.print(out);
        out.println(pageSummary(page, texts.t("what.users")));
    }

    void user(UserAccount user) {
        Table table = userTable();
        userRow(table, user);
        table.print(out);
    }

    void messages(Page<StoredChatMessage> page) {
        Table table = new Table(columns("id", "time", "channel", "from", "to", "message"));
        for (StoredChatMessage m : page.items()) {
            table.row(m.id(), text(m.timestamp()).replace('T', ' '), text(m.channel()), text(m.sender()),
                    text(m.recipient()), text(m.content()));
        }
        table.print(out);
        out.println(pageSummary(page, texts.t("what.messages")));
    }

    private Table userTable() {
        return new Table(columns("id", "user", "role", "banned", "created", "last.login", "connections"));
    }

    private void userRow(Table table, UserAccount u) {
        table.row(u.id(), u.username(), u.role(), yesNo(u.banned()), localTime(u.createdAt()), localTime(u.lastLogin()),
                u.connections());
    }

    private String pageSummary(Page<?> page, String what) {
        int shown = page.items().size();
        return shown == 0 ? texts.t("page.total", page.total(), what)
                : texts.t("page.range", page.offset() + 1, page.offset() + shown, page.total(), what);
    }

    private String[] columns(String... keys) {
        String[] headers = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            headers[i] = texts.t("col." + keys[i]);
        }
        return headers;
    }

    private String yesNo(boolean value) {
        return texts.t(value ? "yes" : "no");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** An ISO instant shown in the machine's time zone; anything else as it is. */
    private static String localTime(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            return LOCAL_TIME.format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
