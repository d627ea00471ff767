package io.classcord.client.cli;

import java.util.stream.Collectors;

import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.ChannelList;
import io.classcord.protocol.ServerFrame.Delivery;
import io.classcord.protocol.ServerFrame.ErrorReply;
import io.classcord.protocol.ServerFrame.History;
import io.classcord.protocol.ServerFrame.Joined;
import io.classcord.protocol.ServerFrame.Left;
import io.classcord.protocol.ServerFrame.LoginOk;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.ServerFrame.Pong;
import io.classcord.protocol.ServerFrame.Presence;
import io.classcord.protocol.ServerFrame.RegisterOk;
import io.classcord.protocol.ServerFrame.UserList;

/** Turns what the server sends into lines for a person: time, channel, sender, text. */
final class Render {

    private Render() {
    }

    /** The text to print for a reply; null for replies not worth a line (pongs, duplicate notices). */
    static String of(Reply reply) {
        return switch (reply) {
            case Reply.Frame(ServerFrame frame) -> of(frame);
            case Reply.Unrecognized u -> u.type() == null ? "? " + safe(u.problem()) : null;
        };
    }

    static String of(ServerFrame frame) {
        return switch (frame) {
            case Delivery d -> delivery(d);
            case Presence p -> "* " + safe(p.user()) + " : " + safe(p.state());
            case UserList list -> Texts.get("render.online", list.users().size(),
                    list.users().stream().map(Render::safe).collect(Collectors.joining(", ")));
            case ChannelList list -> Texts.get("render.channels", list.channels().stream()
                    .map(c -> safe(c.name()) + " (" + c.members() + (c.restricted() ? ", admin" : "") + ")")
                    .collect(Collectors.joining(", ")));
            case History history -> history.messages().isEmpty() ? Texts.get("render.history_empty", safe(history.channel()))
                    : Texts.get("render.history", safe(history.channel())) + "\n" + history.messages().stream()
                    .map(m -> "  " + delivery(m)).collect(Collectors.joining("\n"));
            case ErrorReply error -> "! " + errorText(error)
                    + (error.code() == null ? "" : " [" + error.code().wireName() + "]");
            case LoginOk ok -> Texts.get("render.logged_in", safe(ok.username()));
            case RegisterOk ok -> Texts.get("render.registered");
            case Joined joined -> Texts.get("render.joined", safe(joined.channel()));
            case Left left -> Texts.get("render.left", safe(left.channel()));
            // Every notice also arrives as a message from "serveur", which is the one shown.
            case Notice notice -> null;
            case Pong pong -> null;
        };
    }

    /**
     * The two errors whose wire text stays English for the course's clients (they match on it) are
     * shown in the client's language; every other text already comes in the server's.
     */
    private static String errorText(ErrorReply error) {
        if (error.code() == ErrorCode.AUTH_FAILED) {
            return Texts.get("error.auth_failed");
        }
        if (error.code() == ErrorCode.NAME_TAKEN) {
            return Texts.get("error.name_taken");
        }
        return safe(error.message());
    }

    private static String delivery(Delivery d) {
        StringBuilder line = new StringBuilder().append('[').append(time(d.timestamp())).append("] ");
        if ("private".equals(d.subtype())) {
            line.append(Texts.get("render.private")).append(' ').append(safe(d.from())).append(" -> ").append(safe(d.to()));
        } else {
            if (d.channel() != null) {
                line.append(safe(d.channel())).append(' ');
            }
            line.append('<').append(safe(d.from())).append('>');
        }
        return line.append(' ').append(safe(d.content())).toString();
    }

    /** {@code HH:mm:ss} from the wire's ISO-8601 local time, or the text as it came. */
    static String time(String timestamp) {
        if (timestamp == null) {
            return "--:--:--";
        }
        int t = timestamp.indexOf('T');
        return t >= 0 && timestamp.length() >= t + 9 ? timestamp.substring(t + 1, t + 9) : safe(timestamp);
    }

    /**
     * Text from other people with control characters made visible: another server may relay ANSI
     * escapes that would otherwise recolour or clear the terminal. Line feeds become a visible mark.
     */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append(" \u21b5 ");
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c)) {
                out.append('^').append(c < 0x20 ? (char) (c + 0x40) : '?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
