package io.classcord.protocol;

import java.util.List;

/** A line the server sends. {@link FrameCodec#encode} turns it into ASCII-only JSON. */
public sealed interface ServerFrame {

    /** The sender name of server notices copied as {@code message} frames for unmodified clients. */
    String SERVER_SENDER = "serveur";

    /** {@code {"type":"register","status":"ok"}}. */
    record RegisterOk() implements ServerFrame {
    }

    /** {@code {"type":"login","status":"ok","username":U}}. */
    record LoginOk(String username) implements ServerFrame {
    }

    /**
     * {@code {"type":"error","code":C,"message":M,"error":M}}: one client shows {@code error}, the
     * others {@code message}, so both carry the same text. {@code code} is null only in replies
     * decoded from a server that sends none (the course's original).
     */
    record ErrorReply(ErrorCode code, String message) implements ServerFrame {

        public static ErrorReply of(ProtocolError error) {
            return new ErrorReply(error.code(), error.message());
        }
    }

    /** A chat message as delivered: {@code from} is the sender's real name, {@code timestamp} ISO-8601 local. */
    record Delivery(String from, String content, String subtype, String to, String channel, String timestamp)
            implements ServerFrame {
    }

    /** {@code {"type":"status","user":U,"state":S}}. */
    record Presence(String user, String state) implements ServerFrame {
    }

    /** {@code {"type":"users","users":[...]}}: plain strings, since clients cast each entry to String. */
    record UserList(List<String> users) implements ServerFrame {
    }

    /** {@code {"type":"join","status":"ok","channel":C}}. */
    record Joined(String channel) implements ServerFrame {
    }

    /** {@code {"type":"leave","status":"ok","channel":C}}. */
    record Left(String channel) implements ServerFrame {
    }

    /** One row of a {@link ChannelList}. */
    record ChannelInfo(String name, int members, boolean restricted, boolean open) {
    }

    /** {@code {"type":"channels","channels":[{"name":"#dev","members":3,...}]}}. */
    record ChannelList(List<ChannelInfo> channels) implements ServerFrame {
    }

    /**
     * {@code {"type":"history","channel":C,"messages":[...]}}, oldest first. A reply is bounded in
     * bytes: when older messages were left out, {@code before} is the cursor to ask for them
     * ({@code {"type":"history","before":N}}); null when this page reaches the oldest message asked for.
     */
    record History(String channel, List<Delivery> messages, Long before) implements ServerFrame {

        public History(String channel, List<Delivery> messages) {
            this(channel, messages, null);
        }
    }

    /** {@code {"type":"pong"}}, with the ping's {@code id} when it had one. */
    record Pong(String id) implements ServerFrame {
    }

    /**
     * A server notice in its own type ({@code welcome}, {@code alert}, {@code kick}, {@code shutdown},
     * {@code notice}). Unmodified clients ignore those types, so the engine also sends
     * {@link #asMessage} to them.
     */
    record Notice(NoticeKind kind, String message, String channel) implements ServerFrame {

        public Notice(NoticeKind kind, String message) {
            this(kind, message, null);
        }

        /** The same text as a {@code message} from {@value ServerFrame#SERVER_SENDER}, which every client shows. */
        public Delivery asMessage(String timestamp) {
            return new Delivery(SERVER_SENDER, message, "global", "global", channel, timestamp);
        }
    }

    /** The kinds of {@link Notice}; the wire type is the lower-case name. */
    enum NoticeKind {
        WELCOME, ALERT, KICK, SHUTDOWN, NOTICE;

        public String wireType() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
