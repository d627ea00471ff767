package io.classcord.protocol;

/**
 * A request line sent by a client, once decoded.
 *
 * <p>The first seven kinds are what the course's clients send; the others are Classcord
 * extensions that those clients never send and therefore never see answered.
 */
public sealed interface ClientFrame {

    /** {@code {"type":"register","username":U,"password":P}}. */
    record Register(String username, String password) implements ClientFrame {
        @Override
        public String toString() {
            return "Register[username=" + username + "]";
        }
    }

    /** {@code {"type":"login","username":U,"password":P}}. */
    record Login(String username, String password) implements ClientFrame {
        @Override
        public String toString() {
            return "Login[username=" + username + "]";
        }
    }

    /**
     * {@code {"type":"message",...}}. Every field but {@code content} may be null: clients omit
     * {@code subtype}, {@code to} and {@code from}. Channel names in frames are as sent; the engine
     * normalises them with {@link ChannelName}.
     */
    record ChatMessage(String subtype, String to, String from, String content, String channel)
            implements ClientFrame {

        /**
         * A private message has subtype {@code private}, whatever its {@code to}: one without a valid
         * recipient is refused, never posted to the channel.
         */
        public boolean isPrivate() {
            return "private".equals(subtype);
        }
    }

    /** {@code {"type":"status","state":S}}; the state is relayed exactly as sent. */
    record StatusUpdate(String state) implements ClientFrame {
    }

    /** {@code {"type":"users"}}. */
    record UsersRequest() implements ClientFrame {
    }

    /**
     * {@code {"type":"join","channel":"#dev"}}, its alias {@code join_channel}, or {@code /join #dev}
     * typed as a message's content ({@code typedAsContent}: the client may know nothing but
     * {@code message} frames, so the answer has to be one as well).
     */
    record JoinChannel(String channel, boolean typedAsContent) implements ClientFrame {
    }

    /** {@code {"type":"leave","channel":"#dev"}} or {@code /leave #dev} typed as content. */
    record LeaveChannel(String channel, boolean typedAsContent) implements ClientFrame {
    }

    /** {@code {"type":"channels"}}. */
    record ChannelsRequest() implements ClientFrame {
    }

    /**
     * {@code {"type":"history","channel":"#dev","limit":50}}; {@code limit} is null when absent.
     * {@code before}: only messages older than this cursor, as given by the previous page's reply.
     */
    record HistoryRequest(String channel, Integer limit, Long before) implements ClientFrame {

        public HistoryRequest(String channel, Integer limit) {
            this(channel, limit, null);
        }
    }

    /** {@code {"type":"ping"}}, optionally with an {@code id} echoed in the pong. */
    record Ping(String id) implements ClientFrame {
    }
}
