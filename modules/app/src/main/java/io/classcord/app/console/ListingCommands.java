package io.classcord.app.console;

import java.util.Map;

import io.classcord.admin.api.ChannelInfo;
import io.classcord.admin.api.ClientInfo;
import io.classcord.admin.api.HealthStatus;
import io.classcord.admin.api.Page;
import io.classcord.admin.api.StoredChatMessage;
import io.classcord.admin.api.UserAccount;
import io.classcord.app.console.AdminClient.Reply;
import jakarta.json.bind.JsonbException;

/** The commands that show: clients, channels, users, one user, messages, view, health. */
final class ListingCommands {

    private final CommandContext context;
    private final RecordTables tables;
    private final AdminConsole.Target target;
    private final ConsoleConfig config;

    ListingCommands(CommandContext context, AdminConsole.Target target, ConsoleConfig config) {
        this.context = context;
        this.tables = new RecordTables(context.texts(), context.out());
        this.target = target;
        this.config = config;
    }

    int clients() {
        Reply reply = context.ok(api().get("/api/clients"));
        if (!context.printedJson(reply)) {
            tables.clients(reply.as(ApiJson.listOf(ClientInfo.class)));
        }
        return 0;
    }

    int channels() {
        Reply reply = context.ok(api().get("/api/channels"));
        if (!context.printedJson(reply)) {
            tables.channels(reply.as(ApiJson.listOf(ChannelInfo.class)));
        }
        return 0;
    }

    int users(Map<String, String> query) {
        Reply reply = context.ok(api().get("/api/users" + QueryString.of(query, "search", "limit", "offset")));
        if (!context.printedJson(reply)) {
            tables.users(reply.as(ApiJson.pageOf(UserAccount.class)));
        }
        return 0;
    }

    int user(String name) {
        Reply reply = context.ok(api().get("/api/users/" + AdminClient.encode(name)));
        if (!context.printedJson(reply)) {
            tables.user(reply.as(UserAccount.class));
        }
        return 0;
    }

    int messages(Map<String, String> query) {
        Reply reply = context.ok(api().get("/api/messages"
                + QueryString.of(query, "channel", "user", "from", "to", "limit", "offset")));
        if (!context.printedJson(reply)) {
            tables.messages(reply.as(ApiJson.pageOf(StoredChatMessage.class)));
        }
        return 0;
    }

    /**
     * What the course's admin_view.py printed: the users, then the most recent messages. Like that
     * script it works with the server stopped: when the API does not answer (or its token cannot be
     * read), the database is read directly, read-only.
     */
    int view(String limitOption) {
        String limit = limitOption == null ? "20" : limitOption;
        Page<UserAccount> users;
        Page<StoredChatMessage> messages;
        String json;
        try {
            Reply usersReply = context.ok(api().get("/api/users?limit=1000"));
            Reply messagesReply = context.ok(api().get("/api/messages?limit=" + AdminClient.encode(limit)));
            json = "{\"users\":" + usersReply.text() + ",\"messages\":" + messagesReply.text() + "}";
            users = context.json() ? null : usersReply.as(ApiJson.pageOf(UserAccount.class));
            messages = context.json() ? null : messagesReply.as(ApiJson.pageOf(StoredChatMessage.class));
        } catch (ConsoleException e) {
            boolean tokenUnreadable = e.exitCode() == ConsoleException.BAD_TOKEN && !context.api().tokenRead();
            if (e.exitCode() != ConsoleException.SERVER_DOWN && !tokenUnreadable) {
                throw e;
            }
            DatabaseView.Snapshot offline = DatabaseView.read(target.database(), offlineRows(limit), config.description(),
                    context.texts());
            if (!context.json()) {
                context.out().println(context.texts().t("view.offline", e.getMessage(), target.database().toAbsolutePath()));
            }
            users = offline.users();
            messages = offline.messages();
            json = "{\"users\":" + ApiJson.write(users) + ",\"messages\":" + ApiJson.write(messages) + "}";
        }
        if (context.json()) {
            context.out().println(json);
            return 0;
        }
        context.out().println(context.texts().t("view.users"));
        tables.users(users);
        context.out().println();
        context.out().println(context.texts().t("view.messages"));
        tables.messages(messages);
        return 0;
    }

    private static int offlineRows(String limit) {
        int rows;
        try {
            rows = Integer.parseInt(limit);
        } catch (NumberFormatException bad) {
            rows = -1;
        }
        if (rows < 1 || rows > 1000) {
            throw new ConsoleException(ConsoleException.USAGE, "--limit : 1..1000, " + limit);
        }
        return rows;
    }

    int health() {
        Reply reply = api().get("/health");
        if (!context.printedJson(reply)) {
            HealthStatus status = healthOf(reply);
            context.out().println(status == null ? context.texts().t("health.http", reply.status())
                    : context.texts().t("health.line", text(status.status()), text(status.chat()), text(status.database())));
            if (status != null && status.backup() != null) {
                context.out().println(context.texts().t("health.backup", status.backup()));
            }
        }
        return reply.ok() ? 0 : ConsoleException.FAILED;
    }

    private static HealthStatus healthOf(Reply reply) {
        try {
            return reply.as(HealthStatus.class);
        } catch (JsonbException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private AdminClient api() {
        return context.api().client();
    }
}
