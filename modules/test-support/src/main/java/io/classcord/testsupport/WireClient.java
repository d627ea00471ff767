package io.classcord.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A raw chat client, as the course's desktop clients are: it writes the exact bytes of a line and
 * reads the server's lines as they arrive, checking every one is ASCII-only JSON. It builds and
 * parses JSON with JSON-P or plain strings, never with the server's codec, so that protocol tests
 * do not depend on the code they check.
 */
public final class WireClient implements Closeable {

    /** How long a read waits for the server before the test fails. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private WireClient(Socket socket, InetSocketAddress server) throws IOException {
        this.socket = socket;
        socket.connect(server, 5000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    /** A connection to the chat on 127.0.0.1. */
    public static WireClient connect(int port) throws IOException {
        return new WireClient(new Socket(), new InetSocketAddress("127.0.0.1", port));
    }

    /** A connection to a chat elsewhere (a container's mapped port). */
    public static WireClient connect(String host, int port) throws IOException {
        return new WireClient(new Socket(), new InetSocketAddress(host, port));
    }

    /**
     * A connection to 127.0.0.1 from a source address of its own in 127.0.0.0/8, so that per-address
     * limits hit by one client do not spill onto the next.
     */
    public static WireClient from(String sourceAddress, int port) throws IOException {
        return from(sourceAddress, port, 0);
    }

    /**
     * As {@link #from(String, int)}, with a receive buffer of its own.
     *
     * @param receiveBuffer a small receive buffer (bytes) for clients meant to fall behind; 0 for the default
     */
    public static WireClient from(String sourceAddress, int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        return new WireClient(socket, new InetSocketAddress("127.0.0.1", port));
    }

    /** Registered, logged in, and past the welcome notice. */
    public static WireClient loggedIn(int port, String user, String password) throws IOException {
        WireClient client = connect(port);
        client.login(user, password);
        // Welcome notice (as a message; typed before it only for clients that asked for extensions).
        client.nextMessage(m -> "serveur".equals(m.getString("from")));
        return client;
    }

    /** Registers an account and reads the reply, without logging in (as the course clients' sign-up screen). */
    public static void register(int port, String user, String password) throws IOException {
        try (WireClient client = connect(port)) {
            client.send(Json.createObjectBuilder().add("type", "register").add("username", user).add("password", password)
                    .build().toString());
            JsonObject reply = client.next();
            if (!"register".equals(reply.getString("type", ""))) {
                throw new IOException("register refused: " + reply);
            }
        }
    }

    /** Registers (whatever the answer: the account may exist) and logs in; the welcome is left unread. */
    public void login(String user, String password) throws IOException {
        send("{\"type\":\"register\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        next();
        send("{\"type\":\"login\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        JsonObject reply = next();
        if (!"login".equals(reply.getString("type", ""))) {
            throw new IOException("login refused: " + reply);
        }
    }

    /**
     * Asks for the extension frames as a modern client does, with a ping (any extension request
     * would do), and waits for its pong: typed notices ({@code welcome}, {@code alert}, {@code kick},
     * {@code notice}) are sent only to such clients.
     */
    public WireClient extensions() throws IOException {
        send("{\"type\":\"ping\",\"id\":\"extensions\"}");
        nextMatching(o -> o.getString("type").equals("pong") && "extensions".equals(o.getString("id", "")));
        return this;
    }

    /** A message in the general channel, as the course clients send it. */
    public void say(String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "message").add("subtype", "global").add("to", "global")
                .add("from", "x").add("content", text).build().toString());
    }

    /** Posts {@code text} in {@code channel} (the course clients' message with a {@code channel} key). */
    public void sayIn(String channel, String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "message").add("subtype", "global").add("to", "global")
                .add("from", "x").add("channel", channel).add("content", text).build().toString());
    }

    /** A private message, as the course clients send it. */
    public void tell(String to, String text) throws IOException {
        send(Json.createObjectBuilder().add("type", "message").add("subtype", "private").add("to", to)
                .add("from", "x").add("content", text).build().toString());
    }

    /** Joins a channel and waits for the server's answer. */
    public void join(String channel) throws IOException {
        send("{\"type\":\"join_channel\",\"channel\":\"" + channel + "\"}");
        nextOfType("join");
    }

    /** One line: {@code line} and a newline, as UTF-8. */
    public void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line, parsed; fails if none arrives in time, the connection ends, or it is not ASCII JSON. */
    public JsonObject next() throws IOException {
        return next(DEFAULT_WAIT);
    }

    public JsonObject next(Duration wait) throws IOException {
        JsonObject line = nextOrEnd(wait);
        if (line == null) {
            throw new IOException("connection closed by the server");
        }
        return line;
    }

    /** The next line, parsed, or null when the server closed the connection. */
    public JsonObject nextOrEnd() throws IOException {
        return nextOrEnd(DEFAULT_WAIT);
    }

    private JsonObject nextOrEnd(Duration wait) throws IOException {
        String line = nextLine(wait);
        return line == null ? null : Json.createReader(new StringReader(line)).readObject();
    }

    /** Skips lines until one matches. */
    public JsonObject nextMatching(Predicate<JsonObject> wanted) throws IOException {
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no matching line within " + DEFAULT_WAIT.toSeconds() + " s");
            }
            JsonObject line = next(Duration.ofNanos(left));
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** The next line of {@code type}, skipping others as the course clients ignore unknown types. */
    public JsonObject nextOfType(String type) throws IOException {
        return nextMatching(o -> type.equals(o.getString("type", "")));
    }

    /** The next {@code message} a course client would show (it needs from and content), matching {@code wanted}. */
    public JsonObject nextMessage(Predicate<JsonObject> wanted) throws IOException {
        return nextMatching(o -> "message".equals(o.getString("type", "")) && o.containsKey("from")
                && o.containsKey("content") && wanted.test(o));
    }

    /** The code of the next error reply, skipping other lines. */
    public String nextErrorCode() throws IOException {
        return nextOfType("error").getString("code");
    }

    /**
     * The first raw line containing {@code fragment}, for tests that compare the server's bytes as
     * text; fails with the lines skipped meanwhile.
     */
    public String nextLineContaining(String fragment, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            String line;
            try {
                line = left > 0 ? nextLine(Duration.ofNanos(left)) : null;
            } catch (SocketTimeoutException e) {
                left = 0;
                line = null;
            }
            if (left <= 0) {
                throw new AssertionError("no line containing " + fragment + " within " + wait + "; received " + skipped);
            }
            if (line == null) {
                throw new AssertionError("connection closed while waiting for " + fragment + "; received " + skipped);
            }
            if (line.contains(fragment)) {
                return line;
            }
            skipped.add(line);
        }
    }

    /** The next raw line (without \n), or null at end of stream; fails on a byte outside printable ASCII. */
    public String nextLine(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b > 0x7e) {
                throw new IOException("non-ASCII byte " + b + " from the server after: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
    }

    /** True if nothing at all arrives within {@code wait}: used only where silence is the expected outcome. */
    public boolean silentFor(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IOException("unexpected data from the server, starting with byte " + b);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** True once the server has closed the connection within {@code DEFAULT_WAIT}. */
    public boolean closedByServer() {
        return closedByServer(DEFAULT_WAIT);
    }

    /** True once the server has closed the connection within {@code wait} (lines before the end are skipped). */
    public boolean closedByServer(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (nextLine(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()))) == null) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public Socket socket() {
        return socket;
    }

    /** Closes with a TCP reset, as a killed client or a pulled cable does. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
