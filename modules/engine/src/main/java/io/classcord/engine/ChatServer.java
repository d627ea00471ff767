package io.classcord.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.engine.internal.Engine;
import io.classcord.protocol.FrameCodec;
import io.classcord.storage.ChatStore;

/**
 * The chat server: listens on a TCP port and serves each client on its own virtual threads.
 *
 * <pre>{@code
 * try (ChatServer server = ChatServer.start(settings, store)) {
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("classcord.chat");

    private final EngineSettings settings;
    private final ServerSocket listener;
    private final Engine engine;
    private final Thread acceptor;
    private final Object stopLock = new Object();
    private boolean stopped;

    private ChatServer(EngineSettings settings, ChatStore store, Clock clock, EngineListener events) throws IOException {
        this.settings = settings;
        this.engine = new Engine(settings, store, new FrameCodec(), clock, events);
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        // A large backlog: a classroom reconnecting at once (or a connect storm) must not be refused.
        listener.bind(new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), 4096);
        this.acceptor = Thread.ofPlatform().name("classcord-accept").daemon(false).unstarted(this::acceptLoop);
    }

    /** Binds the port and starts accepting; the store stays owned by the caller. */
    public static ChatServer start(EngineSettings settings, ChatStore store) throws IOException {
        return start(settings, store, Clock.systemDefaultZone());
    }

    public static ChatServer start(EngineSettings settings, ChatStore store, Clock clock) throws IOException {
        return start(settings, store, clock, EngineListener.NONE);
    }

    /** As {@link #start(EngineSettings, ChatStore)}, reporting what happens to {@code listener} (metrics). */
    public static ChatServer start(EngineSettings settings, ChatStore store, EngineListener listener) throws IOException {
        return start(settings, store, Clock.systemDefaultZone(), listener);
    }

    public static ChatServer start(EngineSettings settings, ChatStore store, Clock clock, EngineListener listener)
            throws IOException {
        ChatServer server = new ChatServer(settings, store, clock, java.util.Objects.requireNonNull(listener, "listener"));
        server.acceptor.start();
        LOG.info(() -> "[SERVER] Listening on " + settings.host() + ":" + server.port());
        return server;
    }

    /** The bound port (useful when the settings asked for port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /** Whether the chat port still accepts connections (false once {@link #stop} began). */
    public boolean isRunning() {
        return !listener.isClosed();
    }

    /** Number of open client connections. */
    public int connectionCount() {
        return engine.connectionCount();
    }

    /** What an administrator can see and do on this server. */
    public ChatAdmin admin() {
        return engine.admin();
    }

    /**
     * Checks a name and password exactly as a chat login does (same throttle per address, same
     * {@code [LOGIN]} failure lines), for another way in such as the teacher's dashboard.
     *
     * @throws io.classcord.storage.StorageException if the database cannot be read
     */
    public LoginCheck checkLogin(InetAddress from, String username, String password) {
        return engine.checkLogin(from, username, password);
    }

    /**
     * Counts and logs as a failed login an {@link LoginCheck.Accepted} account that the caller still
     * refuses (banned, or not an administrator), so that it looks like any other failure.
     */
    public void refuseLogin(InetAddress from, String username) {
        engine.refuseLogin(from, username);
    }

    /** Names of everyone online, as a {@code users} request would list them. */
    public List<String> onlineUsers() {
        return engine.onlineUsers();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                break;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "[SERVER] accept failed: " + e.getMessage());
                continue;
            }
            engine.serve(socket);
        }
    }

    /**
     * Stops accepting, sends every client the shutdown notice after what it has pending, waits up to
     * the configured grace for those writes, and closes every connection. Idempotent.
     */
    public void stop() {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        LOG.info("[SERVER] Stopping: notifying " + engine.connectionCount() + " connections");
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing listener", e);
        }
        try {
            // No connection may be added after the shutdown notices go out.
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.shutdown(settings.shutdownGrace());
        LOG.info("[SERVER] Stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
