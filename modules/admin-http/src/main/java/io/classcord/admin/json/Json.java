package io.classcord.admin.json;

import java.util.List;

import io.classcord.engine.ChannelState;
import io.classcord.engine.ConnectedClient;
import io.classcord.storage.StoredMessage;
import io.classcord.storage.UserInfo;

/**
 * The JSON shapes of the admin API: JSON-B maps each record component to a key. Exported because
 * JSON-B reaches accessors through a public lookup; they are the documented wire shapes of docs/admin-api.md.
 */
public final class Json {

    private Json() {
    }

    public record Error(String error, String message) {
    }

    public static Error error(String code, String message) {
        return new Error(code, message);
    }

    public record Client(String name, String ip, int port, boolean loggedIn, boolean admin, String channel,
                  List<String> channels, String state, String connectedSince, long bytesIn, long linesIn,
                  long bytesOut, long linesOut) {

        public static Client of(ConnectedClient c) {
            return new Client(c.name(), c.ip(), c.port(), c.loggedIn(), c.admin(), c.channel(), c.channels(), c.state(),
                    c.connectedSince().toString(), c.bytesIn(), c.linesIn(), c.bytesOut(), c.linesOut());
        }
    }

    public record Channel(String name, boolean adminOnly, boolean open, List<String> members, int connections,
                   long storedMessages) {

        public static Channel of(ChannelState c) {
            return new Channel(c.name(), c.adminOnly(), c.open(), c.members(), c.connections(), c.storedMessages());
        }
    }

    public record User(long id, String username, String role, boolean banned, String createdAt, String lastLogin,
                int connections) {

        public static User of(UserInfo u, int connections) {
            return new User(u.id(), u.username(), u.role(), u.banned(), u.createdAt(), u.lastLogin(), connections);
        }
    }

    public record Message(long id, String timestamp, String channel, String sender, String recipient, String content) {

        public static Message of(StoredMessage m) {
            return new Message(m.id(), m.timestamp(), m.channel(), m.sender(), m.recipient(), m.content());
        }
    }

    public record Page<T>(List<T> items, int offset, int limit, long total) {
    }

    public record Alert(String message, String channel) {
    }

    public record NewChannel(String name) {
    }

    public record Kick(String reason) {
    }

    public record Delivered(String channel, int delivered) {
    }

    public record ChannelChange(String channel, boolean open, boolean changed) {
    }

    public record Created(String channel) {
    }

    public record Disconnected(String user, int disconnected) {
    }

    public record Ban(String user, boolean banned, int disconnected) {
    }

    public record ExportedFile(String kind, String path, long rows) {
    }

    public record Exports(List<ExportedFile> files) {
    }

    public record Stopping(boolean stopping) {
    }

    public record Health(String status, String chat, String database) {
    }
}
