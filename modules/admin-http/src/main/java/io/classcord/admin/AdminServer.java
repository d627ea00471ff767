package io.classcord.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.logging.Logger;

import io.classcord.admin.dashboard.DashboardSessions;
import io.classcord.admin.export.Exporter;
import io.classcord.admin.health.ChatListenerCheck;
import io.classcord.admin.health.DatabaseCheck;
import io.classcord.admin.health.ReadinessSummary;
import io.classcord.admin.http.Routes;
import io.classcord.admin.http.TokenFile;
import io.classcord.admin.service.ClassroomAdmin;
import io.classcord.engine.ChatServer;
import io.classcord.storage.ChatStore;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * The admin HTTP server: {@code /api/...} (bearer token or a dashboard session), the teacher's
 * dashboard under {@code /tableau}, {@code /observe/metrics} (same token, Prometheus text) and {@code /health}, {@code /health/ready}, {@code /health/live} (open), on its
 * own port, on virtual threads.
 *
 * <pre>{@code
 * DashboardFeed feed = new DashboardFeed();
 * ChatServer chatServer = ChatServer.start(engineSettings, store, EngineListener.both(metrics, feed));
 * AdminServer admin = AdminServer.start(settings, chatServer, store, metrics, feed, stopRequest);
 * ...
 * admin.stop();
 * }</pre>
 */
public final class AdminServer {

    private static final Logger LOG = Logger.getLogger("classcord.admin");
    /** Admin requests are small JSON bodies. */
    private static final long MAX_PAYLOAD_BYTES = 64 * 1024;

    private final WebServer server;
    private final DashboardFeed feed;

    private AdminServer(WebServer server, DashboardFeed feed) {
        this.server = server;
        this.feed = feed;
    }

    /**
     * Reads (or creates) the token file and starts listening.
     *
     * @param feed       the dashboard's feed, the one the chat server reports to
     * @param stopServer what {@code POST /api/shutdown} runs, on its own thread: stopping the whole
     *                   server, this admin server included
     * @throws IOException if the token file cannot be read or created, or the port cannot be bound
     */
    public static AdminServer start(AdminSettings settings, ChatServer chat, ChatStore store, ChatMetrics metrics,
                                    DashboardFeed feed, Runnable stopServer) throws IOException {
        String token = TokenFile.loadOrCreate(settings.tokenFile());
        Exporter exporter = new Exporter(store, settings.exportDir(), Clock.systemDefaultZone(), settings.csvDialect());
        ClassroomAdmin admin = new ClassroomAdmin(chat.admin(), store, exporter, stopServer, feed);
        ChatListenerCheck chatCheck = new ChatListenerCheck(chat::isRunning);
        DatabaseCheck databaseCheck = new DatabaseCheck(store);
        DashboardSessions sessions = new DashboardSessions(Clock.systemUTC(), DashboardSessions.DEFAULT_IDLE,
                DashboardSessions.DEFAULT_ABSOLUTE);
        Routes routes = new Routes(token, admin, new ReadinessSummary(chatCheck, databaseCheck), settings.defaultPageSize(),
                chat, sessions, feed.live());
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(MAX_PAYLOAD_BYTES)
                // The launcher stops it in order (admin API, then chat, then database); no hook of its own.
                .shutdownHook(false)
                .routing(routes::register)
                .addFeature(ObserveFeature.builder()
                        .observersDiscoverServices(false)
                        .addObserver(MetricsObserver.builder().meterRegistry(metrics.registry()).build())
                        // /health/ready and /health/live (and /health/started); GET /health itself is
                        // the route's summary, whose body scripts read.
                        .addObserver(HealthObserver.builder()
                                .endpoint("/health")
                                .details(true)
                                .useSystemServices(false)
                                .addCheck(chatCheck)
                                .addCheck(databaseCheck)
                                .build())
                        .build())
                .build()
                .start();
        // Helidon logs a bind failure and returns a stopped server rather than throwing.
        if (!server.isRunning() || server.port() <= 0) {
            server.stop();
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port()
                    + " (port in use, or address not on this machine?)");
        }
        LOG.info(() -> "[ADMIN] Admin API listening on http://" + settings.host() + ":" + server.port());
        return new AdminServer(server, feed);
    }

    /** The bound port (useful when the settings asked for port 0). */
    public int port() {
        return server.port();
    }

    /** Stops listening and ends the requests in progress. Idempotent. */
    public void stop() {
        // Open event streams would otherwise hold the stop until their next ping.
        feed.live().closeAll();
        if (server.isRunning()) {
            server.stop();
        }
    }
}
