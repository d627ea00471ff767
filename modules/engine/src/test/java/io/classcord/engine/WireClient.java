package io.classcord.engine;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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
 * A raw client as the course's desktop clients are: it writes the exact bytes of a line and reads
 * the server's lines as they arrive, checking every one is ASCII-only JSON.
 */
final class WireClient implements Closeable {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WireClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    static WireClient loggedIn(int port, String user, String password) throws IOException {
        WireClient client = new WireClient(port);
        client.send("{\"type\":\"register\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        client.next();
        client.send("{\"type\":\"login\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        JsonObject reply = client.next();
        if (!"login".equals(reply.getString("type", ""))) {
            throw new IOException("login failed: " + reply);
        }
        // Welcome notice (as a message; typed before it only for clients that asked for extensions).
        client.nextMatching(o -> o.getString("type").equals("message") && "serveur".equals(o.getString("from", "")));
        return client;
    }

    /**
     * Asks for the extension frames as a modern client does, with a ping (any extension request
     * would do), and waits for its pong: typed notices ({@code welcome}, {@code alert}, {@code kick},
     * {@code notice}) are sent only to such clients.
     */
    WireClient extensions() throws IOException {
        send("{\"type\":\"ping\",\"id\":\"extensions\"}");
        nextMatching(o -> o.getString("type").equals("pong") && "extensions".equals(o.getString("id", "")));
        return this;
    }

    void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line, parsed; fails if none arrives in time or it is not ASCII JSON. */
    JsonObject next() throws IOException {
        return next(DEFAULT_WAIT);
    }

    JsonObject next(Duration wait) throws IOException {
        String line = nextLine(wait);
        if (line == null) {
            throw new IOException("connection closed by server");
        }
        return Json.createReader(new StringReader(line)).readObject();
    }

    /** Skips lines until one matches. */
    JsonObject nextMatching(Predicate<JsonObject> wanted) throws IOException {
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no matching line in time");
            }
            JsonObject line = next(Duration.ofNanos(left));
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** The next raw line (without \n), or null at end of stream. */
    String nextLine(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b > 0x7e) {
                throw new IOException("non-ASCII byte " + b + " from server after: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
    }

    /** True if nothing at all arrives within {@code wait}: used only where silence is the expected outcome. */
    boolean silentFor(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IOException("unexpected data from server, starting with byte " + b);
            }
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** True once the server has closed the connection (end of stream after any remaining lines). */
    boolean closedByServer(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (nextLine(Duration.ofNanos(deadline - System.nanoTime())) == null) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    Socket socket() {
        return socket;
    }

    /** Closes with a TCP reset, as a killed client or a pulled cable does. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
