package io.classcord.bench;

import java.io.IOException;
import java.time.Duration;

import io.classcord.client.ChatClient;
import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.FrameCodec;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;

/** The Classcord protocol through the client library: guests named by their first message, or accounts. */
final class JsonDriver implements Driver {

    static final Duration WAIT = Duration.ofSeconds(60);

    static Factory factory(String host, int port) {
        FrameCodec codec = new FrameCodec();
        return new Factory() {
            @Override
            public Driver open(String name) throws IOException {
                return new JsonDriver(ChatClient.connect(host, port, WAIT, codec), name);
            }

            @Override
            public String protocol() {
                return "classcord";
            }
        };
    }

    private final ChatClient client;
    private final String name;

    private JsonDriver(ChatClient client, String name) {
        this.client = client;
        this.name = name;
    }

    @Override
    public void identify() throws IOException {
        client.send(new ClientFrame.ChatMessage(null, null, name, "", null));
        expectPong("identify");
    }

    @Override
    public void login(String password) throws IOException {
        ServerFrame registered = client.register(name, password, WAIT);
        if (registered instanceof ServerFrame.ErrorReply error) {
            throw new IOException("register " + name + ": " + error.message());
        }
        ServerFrame reply = client.login(name, password, WAIT);
        if (!(reply instanceof ServerFrame.LoginOk)) {
            throw new IOException("login " + name + ": " + reply);
        }
    }

    @Override
    public void join(String channel) throws IOException {
        client.send(new ClientFrame.JoinChannel(channel, false));
        ServerFrame reply = client.awaitReply(f -> f instanceof ServerFrame.Joined || f instanceof ServerFrame.ErrorReply, WAIT);
        if (reply instanceof ServerFrame.ErrorReply error) {
            throw new IOException("join " + channel + ": " + error.message());
        }
    }

    @Override
    public void roundTrip() throws IOException {
        expectPong("ping");
    }

    private void expectPong(String id) throws IOException {
        ServerFrame reply = client.sync(id, WAIT);
        if (reply instanceof ServerFrame.ErrorReply error) {
            throw new IOException(id + " " + name + ": " + error.message());
        }
    }

    @Override
    public void send(String channel, String content) throws IOException {
        client.send(new ClientFrame.ChatMessage(null, null, null, content, channel));
    }

    @Override
    public void pump(Sink sink) {
        try {
            String line;
            while ((line = client.receiveLine(Duration.ZERO)) != null) {
                // Presence lines are the bulk of what arrives while clients connect; only chat
                // lines carrying a benchmark tag are worth reading.
                if (!line.contains(Tag.PREFIX)) {
                    continue;
                }
                String content = plainField(line, "\"content\":\"");
                if (content != null && content.startsWith(Tag.PREFIX)) {
                    // As the IRC driver reads its lines: the generator must not cost more than the server.
                    sink.chat(plainField(line, "\"channel\":\""), content);
                } else if (client.codec().decodeReply(line) instanceof Reply.Frame(ServerFrame.Delivery d)) {
                    sink.chat(d.channel(), d.content());
                }
            }
        } catch (IOException e) {
            // Closed at the end of the run, or by the server: the tracker counts what is missing.
        }
    }

    /** The string value after {@code key} in a compact JSON line, or null if absent or escaped. */
    static String plainField(String line, String key) {
        int start = line.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = line.indexOf('"', start);
        if (end < 0 || line.indexOf('\\', start, end) >= 0) {
            return null;
        }
        return line.substring(start, end);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
