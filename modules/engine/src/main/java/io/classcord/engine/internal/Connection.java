package io.classcord.engine.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.classcord.engine.ChatActivity;
import io.classcord.engine.EngineListener;
import io.classcord.identity.Identity;
import io.classcord.protocol.FrameCodec;
import io.classcord.protocol.ServerFrame;
import io.classcord.storage.Account;

/**
 * One client connection: its socket, its outbound queue, and who it is.
 *
 * <p>Identity fields change only on the connection's own reading thread; other threads read them
 * (volatile) when they deliver to it.
 */
final class Connection {

    private static final Logger LOG = Logger.getLogger("classcord.chat");

    private final Socket socket;
    private final InetAddress address;
    private final String remote;
    private final FrameCodec codec;
    private final Outbox outbox;
    private final Instant connectedAt = Instant.now();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final CountingInputStream input;
    private final EngineListener listener;

    private volatile String name;
    private volatile String nameKey;
    private volatile Account account;
    private volatile boolean receiving;
    // System.nanoTime() when receiving began: presence announced before it is not for this client.
    private volatile long receivingSince;
    private volatile String currentChannel;
    private volatile String state = "online";
    // Set once the client has sent an extension request: only then does it get typed notices.
    private volatile boolean extensions;

    private final java.time.Clock clock;
    private final Texts texts;

    Connection(Socket socket, FrameCodec codec, int queueBytes, OutboundBudget budget, java.time.Clock clock,
               EngineListener listener, Texts texts) throws IOException {
        this.socket = socket;
        this.texts = texts;
        this.clock = clock;
        this.listener = listener;
        this.input = new CountingInputStream(socket.getInputStream());
        this.address = socket.getInetAddress();
        this.remote = address.getHostAddress() + ":" + socket.getPort();
        this.codec = codec;
        this.outbox = new Outbox(queueBytes, budget, socket.getOutputStream(),
                "writer " + remote, this::overflowed, this::closeSocket);
    }

    void start() {
        outbox.start();
    }

    Socket socket() {
        return socket;
    }

    /** The socket's input, counted for the administration's bytes and lines in. */
    java.io.InputStream input() {
        return input;
    }

    long bytesReceived() {
        return input.bytes();
    }

    long linesReceived() {
        return input.lines();
    }

    InetAddress address() {
        return address;
    }

    /** {@code ip:port}, for log lines that must tell two connections apart. */
    String remote() {
        return remote;
    }

    /** The bare IP, as the course's log lines and fail2ban expect. */
    String ip() {
        return address.getHostAddress();
    }

    Instant connectedAt() {
        return connectedAt;
    }

    String name() {
        return name;
    }

    String nameKey() {
        return nameKey;
    }

    Account account() {
        return account;
    }

    boolean isLoggedIn() {
        return account != null;
    }

    boolean isAdmin() {
        Account current = account;
        return current != null && current.isAdmin();
    }

    /** Whether unsolicited lines (chat, presence) may be sent: see wire-compat, "what clients tolerate". */
    boolean isReceiving() {
        return receiving;
    }

    void startReceiving() {
        if (!receiving) {
            receivingSince = System.nanoTime();
            receiving = true;
        }
    }

    /** Whether a presence line announced at {@code announcedAt} (System.nanoTime()) is for this client. */
    boolean receivedAt(long announcedAt) {
        return receiving && announcedAt - receivingSince >= 0;
    }

    /**
     * Whether the client has shown it knows the extensions (it sent {@code join}, {@code leave},
     * {@code channels}, {@code history} or {@code ping}). Only such clients get typed notices
     * ({@code welcome}, {@code alert}, {@code kick}, {@code notice}): one course client prints any
     * type it does not know as raw JSON. Everyone gets the {@code message} copy.
     */
    boolean wantsExtensions() {
        return extensions;
    }

    void extensionsWanted() {
        extensions = true;
    }

    /** Whether {@code notice} goes out typed to this client: {@code shutdown} is the course's, the rest are extensions. */
    boolean getsTyped(ServerFrame.Notice notice) {
        return extensions || notice.kind() == ServerFrame.NoticeKind.SHUTDOWN;
    }

    void identify(String newName, Account newAccount) {
        name = newName;
        nameKey = newName == null ? null : Identity.key(newName);
        account = newAccount;
        if (newName != null) {
            startReceiving();
        }
    }

    String state() {
        return state;
    }

    void state(String newState) {
        state = newState;
    }

    String currentChannel() {
        return currentChannel;
    }

    void currentChannel(String channel) {
        currentChannel = channel;
    }

    Set<String> channels() {
        return channels;
    }

    /**
     * The name for a log line, followed there by the address: quoted and escaped, as the client chose
     * it; {@code anonymous} for a connection that has none yet.
     */
    String logName() {
        String current = name;
        return current != null ? LogText.quote(current) : "anonymous";
    }

    /** Encodes and queues one frame. */
    boolean send(ServerFrame frame) {
        return sendLine(encode(codec, frame));
    }

    /** Queues an already encoded line, shared by every recipient of a broadcast. */
    boolean sendLine(byte[] line) {
        return !closed.get() && outbox.offer(line);
    }

    /** Queues {@code lines} encoded lines joined in {@code bytes}: one wake-up of the writer for all. */
    boolean sendLines(byte[] bytes, int lines) {
        return !closed.get() && outbox.offer(bytes, lines);
    }

    /** Queues lines that other connections' queues hold too (see {@link SharedLines}). */
    boolean sendShared(SharedLines lines) {
        return !closed.get() && outbox.offer(lines);
    }

    static byte[] encode(FrameCodec codec, ServerFrame frame) {
        return codec.encodeLine(frame);
    }

    /**
     * Sends the notice (typed if the client {@linkplain #getsTyped takes it}, then as a message for
     * unmodified clients) after what is queued, then closes.
     */
    void finish(ServerFrame.Notice notice, String timestamp, boolean dropPending) {
        List<byte[]> last = new ArrayList<>(2);
        if (notice != null) {
            if (getsTyped(notice)) {
                last.add(encode(codec, notice));
            }
            last.add(encode(codec, notice.asMessage(timestamp)));
        }
        outbox.finish(last, dropPending);
    }

    /** Waits until the last lines are written; closes the socket regardless after {@code millis}. */
    void awaitFinished(long millis) {
        try {
            if (!outbox.awaitWriter(millis)) {
                closeSocket();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeSocket();
        }
    }

    long linesSent() {
        return outbox.linesSent();
    }

    long bytesSent() {
        return outbox.bytesSent();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Called by the reading thread when the client is gone: wakes the writer so it exits. */
    void release() {
        outbox.finish(List.of(), true);
        closeSocket();
    }

    private void overflowed() {
        listener.outboundDropped();
        // Every broadcast that finds the queue full lands here; act on the first one only.
        if (closed.get() || !overflowed.compareAndSet(false, true)) {
            return;
        }
        LOG.warning(() -> "[SLOW] Disconnecting " + logName() + " (" + remote + "): "
                + outbox.queuedBytes() + " bytes waiting for it, the client does not read fast enough");
        listener.activity(new ChatActivity.Security(ChatActivity.SecurityKind.SLOW_CLIENT, ip(), name(), null,
                clock.instant()));
        Thread.ofVirtual().name("overflow " + remote).start(() -> {
            finish(new ServerFrame.Notice(ServerFrame.NoticeKind.KICK, texts.get("notice.too_slow")),
                    io.classcord.protocol.WireTime.now(clock), true);
            awaitFinished(2000);
        });
    }

    private void closeSocket() {
        if (closed.compareAndSet(false, true)) {
            try {
                // Half-close first so the client reads everything sent before it sees the end.
                if (!socket.isOutputShutdown()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // Peer already gone.
            }
            try {
                socket.close();
            } catch (IOException e) {
                // Already broken; nothing to release.
            }
        }
    }
}
