package io.classcord.admintests;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A chat client over TCP that behaves like the course's unmodified desktop clients: it knows only
 * {@code register}, {@code login}, {@code error}, {@code message}, {@code status} and {@code users},
 * and only ever shows a {@code message}'s {@code from} and {@code content}.
 */
final class ChatClient implements Closeable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    ChatClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    static ChatClient loggedIn(int port, String user, String password) throws IOException {
        ChatClient client = new ChatClient(port);
        client.send("{\"type\":\"register\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        client.next();
        client.send("{\"password\":\"" + password + "\",\"type\":\"login\",\"username\":\"" + user + "\"}");
        JsonObject reply = client.next();
        if (!"login".equals(reply.getString("type", ""))) {
            throw new IOException("login refused: " + reply);
        }
        client.nextMessage(m -> m.getString("from").equals("serveur"));
        return client;
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Registers an account and reads the reply, without logging in (as the course clients' sign-up screen). */
    static void register(int port, String user, String password) throws IOException {
        try (ChatClient client = new ChatClient(port)) {
            client.send(Json.createObjectBuilder().add("type", "register").add("username", user).add("password", password)
                    .build().toString());
            JsonObject reply = client.next();
            if (!"register".equals(reply.getString("type", ""))) {
                throw new IOException("register refused: " + reply);
            }
        }
    }

    void say(String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "message").add("subtype", "global").add("to", "global")
                .add("from", "x").add("content", text).build().toString());
    }

    /** Posts {@code text} in {@code channel} (the course clients' message with a {@code channel} key). */
    void sayIn(String channel, String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "message").add("subtype", "global").add("to", "global")
                .add("from", "x").add("channel", channel).add("content", text).build().toString());
    }

    /** A private message, as the course clients send it. */
    void tell(String to, String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "message").add("subtype", "private").add("to", to)
                .add("from", "x").add("content", text).build().toString());
    }

    /** Joins a channel and waits for the server's answer. */
    void join(String channel) throws IOException {
        send("{\"type\":\"join_channel\",\"channel\":\"" + channel + "\"}");
        nextOfType("join");
    }

    JsonObject next() throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        String line = in.readLine();
        if (line == null) {
            throw new IOException("connection closed by server");
        }
        return Json.createReader(new StringReader(line)).readObject();
    }

    /** The next line of {@code type}, skipping others as the course clients ignore unknown types. */
    JsonObject nextOfType(String type) throws IOException {
        return nextMatching(o -> type.equals(o.getString("type", "")));
    }

    /** The next {@code message} a course client would show (it needs from and content), matching {@code wanted}. */
    JsonObject nextMessage(Predicate<JsonObject> wanted) throws IOException {
        return nextMatching(o -> "message".equals(o.getString("type", "")) && o.containsKey("from")
                && o.containsKey("content") && wanted.test(o));
    }

    JsonObject nextMatching(Predicate<JsonObject> wanted) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject line = next();
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new SocketTimeoutException("no matching line in time");
    }

    /** True once the server closed the connection, reading past whatever it sent before. */
    boolean closedByServer() throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        try {
            while (in.readLine() != null) {
                // Lines sent before the close.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
