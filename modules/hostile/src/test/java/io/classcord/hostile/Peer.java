package io.classcord.hostile;

import java.io.ByteArrayOutputStream;
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
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A hostile client: raw bytes out, raw lines in, from a source address of its own in 127.0.0.0/8
 * so that per-address limits hit by one case do not spill into the next.
 */
final class Peer implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    Peer(String sourceAddress, int port) throws IOException {
        this(sourceAddress, port, 0);
    }

    /** @param receiveBuffer a small receive buffer (bytes) for clients that are meant to fall behind; 0 for the default */
    Peer(String sourceAddress, int port, int receiveBuffer) throws IOException {
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line as JSON; fails on silence, on a closed connection, or on anything but ASCII JSON. */
    JsonObject next() throws IOException {
        String line = nextLine(Duration.ofSeconds(10));
        if (line == null) {
            throw new IOException("connection closed by the server");
        }
        return Json.createReader(new StringReader(line)).readObject();
    }

    JsonObject nextMatching(Predicate<JsonObject> wanted) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject line = next();
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new SocketTimeoutException("no matching line within 10 s");
    }

    /** The code of the next error reply, skipping other lines. */
    String nextErrorCode() throws IOException {
        return nextMatching(o -> "error".equals(o.getString("type", ""))).getString("code");
    }

    String nextLine(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b > 0x7e) {
                throw new IOException("non-ASCII byte " + b + " from the server");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII);
            }
            line.write(b);
        }
    }

    /** True once the server has closed the connection within {@code wait} (lines before the end are skipped). */
    boolean closedByServer(Duration wait) {
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
