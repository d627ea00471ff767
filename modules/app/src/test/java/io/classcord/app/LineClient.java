package io.classcord.app;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** A minimal JSON-lines client for tests against a server process. */
final class LineClient implements Closeable {

    private final Socket socket = new Socket();
    private final BufferedReader in;
    private final OutputStream out;

    LineClient(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    void send(String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line parsed, or null at end of stream. */
    JsonObject next() throws IOException {
        String line = in.readLine();
        return line == null ? null : Json.createReader(new StringReader(line)).readObject();
    }

    JsonObject nextMatching(Predicate<JsonObject> wanted) throws IOException {
        JsonObject line;
        while ((line = next()) != null) {
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new IOException("connection closed before a matching line");
    }

    void login(String user, String password) throws IOException {
        send("{\"type\":\"register\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        next();
        send("{\"type\":\"login\",\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        JsonObject reply = next();
        if (!"login".equals(reply.getString("type"))) {
            throw new IOException("login refused: " + reply);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
