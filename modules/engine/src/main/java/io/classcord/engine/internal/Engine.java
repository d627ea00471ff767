package io.classcord.engine.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import io.classcord.engine.ChatAdmin;
import io.classcord.engine.EngineListener;
import io.classcord.engine.EngineSettings;
import io.classcord.engine.LoginCheck;
import io.classcord.protocol.ErrorCode;
import io.classcord.protocol.FrameCodec;
import io.classcord.protocol.ServerFrame;
import io.classcord.protocol.ServerFrame.Notice;
import io.classcord.protocol.ServerFrame.NoticeKind;
import io.classcord.protocol.WireTime;
import io.classcord.storage.ChatStore;

/** Wires a new socket to a {@link Connection} and a {@link RequestHandler}; the engine's entry point. */
public final class Engine {

    private static final Logger LOG = Logger.getLogger("classcord.chat");

    private final EngineSettings settings;
    private final ChatStore store;
    private final FrameCodec codec;
    private final Clock clock;
    private final ChatDirectory directory;
    private final NamePolicy namePolicy;
    private final IpLimits ipLimits;
    private final Administration admin;
    private final Guards guards;
    private final OutboundBudget outboundBudget;

    public Engine(EngineSettings settings, ChatStore store, FrameCodec codec, Clock clock, EngineListener listener) {
        this.settings = settings;
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.directory = new ChatDirectory(settings, codec, clock, listener);
        this.admin = new Administration(directory, store);
        this.namePolicy = new NamePolicy(settings.reservedNames());
        this.ipLimits = new IpLimits(settings.maxConnectionsPerIp(), settings.maxAnonymousPerIp());
        this.guards = new Guards(ipLimits,
                new PasswordCheck(new LoginThrottle(settings.loginMaxFailures(), settings.loginFailureWindow(),
                        System::nanoTime), store, listener, clock),
                new CreationLimit(settings.registrationsPerIp(), settings.registrationsTotal(), System::nanoTime),
                new CreationLimit(settings.channelCreationsPerIp(), settings.channelCreationsTotal(), System::nanoTime),
                new java.util.concurrent.Semaphore(Guards.HISTORY_PAGES_AT_ONCE, true));
        this.outboundBudget = new OutboundBudget(settings.outboundTotalBytes());
    }

    /** Takes ownership of an accepted socket and serves it on virtual threads. */
    public void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            if (!ipLimits.tryOpen(socket.getInetAddress())) {
                refuse(socket);
                return;
            }
            Connection connection = new Connection(socket, codec, settings.outboundQueueBytes(), outboundBudget, clock,
                    directory.listener(), directory.texts());
            directory.add(connection);
            connection.start();
            Thread.ofVirtual().name("reader " + connection.remote())
                    .start(new RequestHandler(connection, directory, store, settings, namePolicy, guards));
        } catch (IOException e) {
            LOG.warning(() -> "[CONNECT] Could not set up connection from " + socket.getInetAddress().getHostAddress()
                    + ": " + e.getMessage());
            closeQuietly(socket);
        }
    }

    private void refuse(Socket socket) {
        String ip = socket.getInetAddress().getHostAddress();
        LOG.warning(() -> "[LIMIT] Too many connections from " + ip + ": refused");
        // Written straight away: a refused socket gets no writer thread.
        Thread.ofVirtual().name("refuse " + ip).start(() -> {
            try (socket) {
                socket.setSoTimeout(1000);
                socket.getOutputStream().write(Connection.encode(codec, new ServerFrame.ErrorReply(
                        ErrorCode.TOO_MANY_CONNECTIONS, directory.texts().get("rate.connections"))));
                socket.shutdownOutput();
            } catch (IOException e) {
                // The client went away first.
            }
        });
    }

    public ChatAdmin admin() {
        return admin;
    }

    /** A name and password checked as a chat login checks them, for another front door (the dashboard). */
    public LoginCheck checkLogin(InetAddress from, String username, String password) {
        return guards.passwords().check(from, from.getHostAddress(), username, password);
    }

    /** Counts and logs as a failed login a right password that the other front door still refuses. */
    public void refuseLogin(InetAddress from, String username) {
        guards.passwords().refused(from, from.getHostAddress(), username);
    }

    public int connectionCount() {
        return directory.connections().size();
    }

    public List<String> onlineUsers() {
        return directory.userNames();
    }

    /** Sends the shutdown notice to every connection after its pending lines, then waits for the writers. */
    public void shutdown(Duration grace) {
        directory.stopping();
        Notice notice = new Notice(NoticeKind.SHUTDOWN, settings.shutdownMessage());
        String timestamp = WireTime.now(clock);
        List<Connection> open = List.copyOf(directory.connections());
        for (Connection connection : open) {
            connection.finish(notice, timestamp, false);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Connection connection : open) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
            connection.awaitFinished(left);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do.
        }
    }
}
