package io.classcord.bench;

import java.io.IOException;

/** One benchmark connection in one protocol: identify, join, send, and hand received chat lines to a sink. */
interface Driver extends AutoCloseable {

    /** Receives the content of each chat message addressed to the connection's channel. */
    interface Sink {
        void chat(String channel, String content);
    }

    /** Opens a connection (no identification yet). */
    interface Factory {
        Driver open(String name) throws IOException;

        String protocol();
    }

    /** Identifies as a guest (Classcord) or registers a nick (IRC), and waits for the server to confirm. */
    void identify() throws IOException;

    /** Registers an account and logs in with a password (Classcord only). */
    void login(String password) throws IOException;

    /** Joins the channel and waits for the confirmation. */
    void join(String channel) throws IOException;

    /** Waits for any reply (ping/pong), proving the server serves this connection. */
    void roundTrip() throws IOException;

    /** Sends a chat line to the channel; thread-safe with respect to the reading thread. */
    void send(String channel, String content) throws IOException;

    /** Reads until the connection ends, giving chat lines to {@code sink}; answers pings. */
    void pump(Sink sink);

    @Override
    void close();
}
