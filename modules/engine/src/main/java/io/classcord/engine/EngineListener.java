package io.classcord.engine;

import java.time.Duration;

import io.classcord.protocol.ErrorCode;

/**
 * Observes the engine for metrics, so that the engine does not depend on a metrics library.
 *
 * <p>Called from several threads at once: {@link #messageReceived} and {@link #messageDelivered} on
 * the engine's dispatcher thread once the commit is done, {@link #loginFailed} and
 * {@link #lineRejected} on connection threads, {@link #outboundDropped} on whichever thread was
 * queueing the line (a connection, the dispatcher, an administration request), {@link #activity} on
 * any of those. The dispatcher delivers every connection's messages: implementations must be quick,
 * must not block and must not call back into the engine.
 */
public interface EngineListener {

    /** Listens to nothing. */
    EngineListener NONE = new EngineListener() {
    };

    /** The channel label of private messages in {@link #messageReceived} and {@link #messageDelivered}. */
    String PRIVATE = "private";

    /** A chat message was accepted and stored; {@code channel} is its channel or {@link #PRIVATE}. */
    default void messageReceived(String channel) {
    }

    /**
     * A stored message was queued for {@code recipients} connections; {@code latency} runs from reading
     * its line to the last recipient's queue, the database commit included.
     */
    default void messageDelivered(String channel, int recipients, Duration latency) {
    }

    /** A login with an unknown name or a wrong password. */
    default void loginFailed() {
    }

    /** A client's line was answered with an error. */
    default void lineRejected(ErrorCode code) {
    }

    /** A line for a client was dropped because its outbound queue was full (the client is then disconnected). */
    default void outboundDropped() {
    }

    /** Something a teacher watching the chat live would see (messages, presence, security events). */
    default void activity(ChatActivity event) {
    }

    /** Both listeners, {@code first} first: e.g. the metrics and the dashboard's feed. */
    static EngineListener both(EngineListener first, EngineListener second) {
        return new EngineListener() {
            @Override
            public void messageReceived(String channel) {
                first.messageReceived(channel);
                second.messageReceived(channel);
            }

            @Override
            public void messageDelivered(String channel, int recipients, Duration latency) {
                first.messageDelivered(channel, recipients, latency);
                second.messageDelivered(channel, recipients, latency);
            }

            @Override
            public void loginFailed() {
                first.loginFailed();
                second.loginFailed();
            }

            @Override
            public void lineRejected(ErrorCode code) {
                first.lineRejected(code);
                second.lineRejected(code);
            }

            @Override
            public void outboundDropped() {
                first.outboundDropped();
                second.outboundDropped();
            }

            @Override
            public void activity(ChatActivity event) {
                first.activity(event);
                second.activity(event);
            }
        };
    }
}
