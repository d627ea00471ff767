package io.classcord.engine;

import java.time.Instant;

/**
 * What happens in the chat that a teacher watches live (the dashboard), reported through
 * {@link EngineListener#activity}. Names and texts are as the clients sent them: whoever shows them
 * must treat them as text, never as markup.
 */
public sealed interface ChatActivity {

    Instant time();

    /** A message stored and delivered; {@code channel} is null for a private one, {@code recipient} null in a channel. */
    record Posted(String channel, String sender, String recipient, String text, Instant time) implements ChatActivity {
    }

    /** A connection opened, closed, or joined a channel; {@code name} and {@code channel} may be null. */
    record Presence(PresenceKind kind, String name, String address, String channel, Instant time) implements ChatActivity {
    }

    /** Something a security lesson shows: a refused login, a client cut off, an administrator's sanction. */
    record Security(SecurityKind kind, String address, String name, String detail, Instant time) implements ChatActivity {
    }

    enum PresenceKind {
        CONNECTED, DISCONNECTED, JOINED
    }

    enum SecurityKind {
        LOGIN_FAILED, LOGIN_THROTTLED, RATE_LIMITED, SLOW_CLIENT, KICKED, BANNED, UNBANNED, NAME_REFUSED, LOGIN_CUT
    }
}
