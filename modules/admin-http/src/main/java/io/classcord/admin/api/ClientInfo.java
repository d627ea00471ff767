package io.classcord.admin.api;

import java.util.List;

import io.classcord.engine.ConnectedClient;

/** One open chat connection; {@code name} is null until it logs in or chats. */
public record ClientInfo(String name, String ip, int port, boolean loggedIn, boolean admin, String channel,
                         List<String> channels, String state, String connectedSince, long bytesIn, long linesIn,
                         long bytesOut, long linesOut) {

    public static ClientInfo of(ConnectedClient c) {
        return new ClientInfo(c.name(), c.ip(), c.port(), c.loggedIn(), c.admin(), c.channel(), c.channels(), c.state(),
                c.connectedSince().toString(), c.bytesIn(), c.linesIn(), c.bytesOut(), c.linesOut());
    }
}
