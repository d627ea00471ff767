package io.classcord.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import io.classcord.protocol.ClientFrame;
import io.classcord.protocol.FrameCodec;
import io.classcord.protocol.LineReader;
import io.classcord.protocol.Reply;
import io.classcord.protocol.ServerFrame;

/**
 * One connection to a Classcord server (or to the course's original): send requests, receive
 * replies. The wire format is the protocol module's {@link FrameCodec}, the same the server uses.
 *
 * <p>Sending is thread-safe; receiving is for one thread at a time (typically a dedicated reader).
 *
 * <pre>{@code
 * try (ChatClient client = ChatClient.connect("127.0.0.1", 12345, Duration.ofSeconds(5))) {
 *     ServerFrame reply = client.login("alice", "secret", Duration.ofSeconds(10));
 *     client.send(new ClientFrame.ChatMessage(null, null, null, "salut", "#dev"));
 * }
 * }</pre>
 */
public final class ChatClient implements AutoCloseable {

    /** History replies of 500 long messages are the longest legitimate lines; anything beyond is refused. */
    private static final int MAX_REPLY_BYTES = 32 * 1024 * 1024;
    // How the server's presence and chat lines begin: it writes "type" first.
    private static final String PRESENCE = "{\"type\":\"status\"";
    private static final String CHAT = "{\"type\":\"message\"";

    private final Socket socket;
    private final FrameCodec codec;
    private final OutputStream out;
    private final LineReader in;
    private final ReentrantLock sending = new ReentrantLock();

    private ChatClient(Socket socket, FrameCodec codec) throws IOException {
        this.socket = socket;
        this.codec = codec;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.in = new LineReader(socket.getInputStream(), MAX_REPLY_BYTES);
    }

    /** Connects with a fresh codec. */
    public static ChatClient connect(String host, int port, Duration timeout) throws IOException {
        return connect(host, port, timeout, new FrameCodec());
    }

    /** Connects sharing {@code codec} (it is thread-safe): load generators open thousands of clients. */
    public static ChatClient connect(String host, int port, Duration timeout, FrameCodec codec) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return new ChatClient(socket, codec);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public FrameCodec codec() {
        return codec;
    }

    /** Sends one request and flushes it. */
    public void send(ClientFrame frame) throws IOException {
        sendLine(codec.encodeRequest(frame));
    }

    /** Sends one request without flushing; {@link #flush()} sends what is buffered. */
    public void sendBuffered(ClientFrame frame) throws IOException {
        write(codec.encodeRequest(frame).getBytes(StandardCharsets.US_ASCII), false);
    }

    /** Sends a line exactly as given (a line feed is added if missing): for tests of odd clients. */
    public void sendLine(String line) throws IOException {
        String full = line.endsWith("\n") ? line : line + "\n";
        write(full.getBytes(StandardCharsets.UTF_8), true);
    }

    public void flush() throws IOException {
        sending.lock();
        try {
            out.flush();
        } finally {
            sending.unlock();
        }
    }

    private void write(byte[] bytes, boolean flush) throws IOException {
        sending.lock();
        try {
            out.write(bytes);
            if (flush) {
                out.flush();
            }
        } finally {
            sending.unlock();
        }
    }

    /**
     * The next line from the server, or null once it closed the connection.
     *
     * @param timeout how long to wait; zero waits forever
     * @throws SocketTimeoutException if nothing arrived in time
     */
    public Reply receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        LineReader.Line line = in.next();
        return switch (line) {
            case null -> null;
            case LineReader.Line.Text text -> codec.decodeReply(text.text());
            case LineReader.Line.TooLong tooLong -> new Reply.Unrecognized(null, "",
                    "line longer than " + tooLong.limit() + " bytes");
        };
    }

    /**
     * The next line as received, undecoded, or null once the server closed the connection: a load
     * generator looks at most lines only to skip them.
     */
    public String receiveLine(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return switch (in.next()) {
            case null -> null;
            case LineReader.Line.Text text -> text.text();
            case LineReader.Line.TooLong tooLong -> "";
        };
    }

    /**
     * Skips lines until a frame matches, and returns it.
     *
     * @throws SocketTimeoutException if none came within {@code timeout}
     * @throws IOException            if the server closed the connection first
     */
    public ServerFrame await(Predicate<ServerFrame> wanted, Duration timeout) throws IOException {
        return awaitFrame(line -> false, wanted, timeout);
    }

    /**
     * Like {@link #await}, for a reply to a request: chat and presence lines, which are never
     * replies, are skipped without being decoded. In a classroom that connects at once they are
     * most of what arrives (every arrival is announced to everyone), and decoding them all made a
     * load generator of a few thousand clients slower than the server it measured.
     */
    public ServerFrame awaitReply(Predicate<ServerFrame> wanted, Duration timeout) throws IOException {
        return awaitFrame(line -> line.startsWith(PRESENCE) || line.startsWith(CHAT), wanted, timeout);
    }

    private ServerFrame awaitFrame(Predicate<String> skipped, Predicate<ServerFrame> wanted, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no matching reply within " + timeout.toMillis() + " ms");
            }
            String line = receiveLine(Duration.ofNanos(Math.max(left, 1_000_000)));
            if (line == null) {
                throw new IOException("connection closed by the server");
            }
            if (!skipped.test(line) && codec.decodeReply(line) instanceof Reply.Frame(ServerFrame frame)
                    && wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Registers; returns the reply ({@link ServerFrame.RegisterOk} or an {@link ServerFrame.ErrorReply}). */
    public ServerFrame register(String username, String password, Duration timeout) throws IOException {
        send(new ClientFrame.Register(username, password));
        return awaitReply(f -> f instanceof ServerFrame.RegisterOk || f instanceof ServerFrame.ErrorReply, timeout);
    }

    /** Logs in; returns the reply ({@link ServerFrame.LoginOk} or an {@link ServerFrame.ErrorReply}). */
    public ServerFrame login(String username, String password, Duration timeout) throws IOException {
        send(new ClientFrame.Login(username, password));
        return awaitReply(f -> f instanceof ServerFrame.LoginOk || f instanceof ServerFrame.ErrorReply, timeout);
    }

    /**
     * Waits until the server has handled everything sent before: a ping is answered in order, so
     * any error about an earlier request arrives before the pong and is returned instead.
     */
    public ServerFrame sync(String id, Duration timeout) throws IOException {
        send(new ClientFrame.Ping(id));
        return awaitReply(f -> f instanceof ServerFrame.ErrorReply
                || (f instanceof ServerFrame.Pong(String pongId) && id.equals(pongId)), timeout);
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Closes with a TCP reset instead of a clean close, as a killed client or a pulled cable does. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
