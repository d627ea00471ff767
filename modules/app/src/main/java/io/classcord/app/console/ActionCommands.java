package io.classcord.app.console;

import io.classcord.admin.api.AlertDelivered;
import io.classcord.admin.api.AlertRequest;
import io.classcord.admin.api.BanChange;
import io.classcord.admin.api.ChannelChange;
import io.classcord.admin.api.ChannelCreated;
import io.classcord.admin.api.Disconnected;
import io.classcord.admin.api.ExportedFile;
import io.classcord.admin.api.Exports;
import io.classcord.admin.api.KickRequest;
import io.classcord.admin.api.NewChannel;
import io.classcord.app.console.AdminClient.Reply;

/** The commands that act: alert, kick, ban and unban, create, close and reopen a channel, export, stop. */
final class ActionCommands {

    private final CommandContext context;

    ActionCommands(CommandContext context) {
        this.context = context;
    }

    /** To everyone, or to the members of {@code channel} when it is not null. */
    int alert(String text, String channel) {
        Reply reply = context.ok(api().post("/api/alert", new AlertRequest(text, channel)));
        if (!context.printedJson(reply)) {
            say("alert.sent", reply.<AlertDelivered>as(AlertDelivered.class).delivered());
        }
        return 0;
    }

    /** {@code reason} null: the server's default text. */
    int kick(String user, String reason) {
        Reply reply = context.ok(api().post("/api/users/" + AdminClient.encode(user) + "/kick", new KickRequest(reason)));
        if (!context.printedJson(reply)) {
            say("kick.done", user, reply.<Disconnected>as(Disconnected.class).disconnected());
        }
        return 0;
    }

    int ban(String user, boolean banned) {
        Reply reply = context.ok(api().post("/api/users/" + AdminClient.encode(user) + (banned ? "/ban" : "/unban"), null));
        if (!context.printedJson(reply)) {
            if (banned) {
                say("ban.done", user, reply.<BanChange>as(BanChange.class).disconnected());
            } else {
                say("unban.done", user);
            }
        }
        return 0;
    }

    int createChannel(String name) {
        Reply reply = context.ok(api().post("/api/channels", new NewChannel(name)));
        if (!context.printedJson(reply)) {
            say("channel.created", reply.<ChannelCreated>as(ChannelCreated.class).channel());
        }
        return 0;
    }

    /** Reopens ({@code open}) or closes a channel. */
    int setOpen(String name, boolean open) {
        Reply reply = context.ok(api().post("/api/channels/" + AdminClient.encode(name) + (open ? "/reopen" : "/close"), null));
        if (!context.printedJson(reply)) {
            ChannelChange change = reply.as(ChannelChange.class);
            String key = open ? (change.changed() ? "channel.reopened" : "channel.already.open")
                    : (change.changed() ? "channel.closed" : "channel.already.closed");
            say(key, change.channel());
        }
        return 0;
    }

    /** {@code type}: all, messages or users. */
    int export(String type) {
        Reply reply = context.ok(api().post("/api/exports?type=" + AdminClient.encode(type), null));
        if (!context.printedJson(reply)) {
            for (ExportedFile file : reply.<Exports>as(Exports.class).files()) {
                say("export.written", file.path(), file.rows());
            }
        }
        return 0;
    }

    int stop() {
        Reply reply = context.ok(api().post("/api/shutdown", null));
        if (!context.printedJson(reply)) {
            say("stop.requested");
        }
        return 0;
    }

    private void say(String key, Object... args) {
        context.out().println(context.texts().t(key, args));
    }

    private AdminClient api() {
        return context.api().client();
    }
}
