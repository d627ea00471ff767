package io.classcord.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.admin.AdminServer;
import io.classcord.admin.ChatMetrics;
import io.classcord.admin.DashboardFeed;
import io.classcord.app.logging.LogSetup;
import io.classcord.engine.ChatServer;
import io.classcord.engine.EngineListener;
import io.classcord.storage.ChatStore;
import io.helidon.config.Config;
import sun.misc.Signal;

/**
 * Runs the chat server and its admin API until SIGTERM, SIGINT or {@code POST /api/shutdown}, then
 * stops them in order: the admin API, then the clients get the shutdown notice, pending writes are
 * flushed, the database is closed, the logs are flushed, exit 0.
 */
final class ServerLauncher {

    /**
     * The start of the line that says the server serves, followed by the chat port and a comma: an
     * interface that scripts and tests read (docs/ADMINISTRATION.md), never to be reworded or translated.
     */
    static final String READY_LINE = "Classcord ready: chat on port ";

    private static final Logger LOG = Logger.getLogger("classcord.server");

    private final Settings settings;
    private final Texts texts;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    ServerLauncher(Settings settings, Texts texts) {
        this.settings = settings;
        this.texts = texts;
    }

    int runUntilStopped() {
        // Before the logs: a second server must not write a line into the first one's files.
        ServerLock lock;
        try {
            lock = ServerLock.acquire(settings.store().file());
        } catch (ServerLock.HeldException e) {
            System.err.println(texts.get("already.running", settings.store().file().toAbsolutePath(), e.lockFile,
                    e.holder.isBlank() ? "" : texts.get("already.running.pid", e.holder)));
            return 1;
        } catch (IOException e) {
            System.err.println(texts.get("database.error", settings.store().file().toAbsolutePath(), Problems.reason(e, texts)));
            return 1;
        }
        try (lock) {
            return runLocked();
        }
    }

    private int runLocked() {
        LogSetup logs;
        try {
            logs = LogSetup.configure(settings.logDir(), settings.logToConsole());
        } catch (IOException e) {
            String dir = settings.logDir().toAbsolutePath().toString();
            System.err.println(texts.get("logs.error", dir, Problems.reason(e, texts).replace(dir + ": ", "")
                    .replace(settings.logDir() + ": ", "")));
            return 1;
        }
        try (logs) {
            // Handled ourselves rather than by a shutdown hook, so that the stop can finish and
            // the process exits 0 with every log line written.
            Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());
            Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
            return serve();
        }
    }

    private int serve() {
        // Helidon's parts (metrics, web server) take their settings from ours. Left unset, Helidon's
        // global configuration is looked for on first use (environment, system properties, files on
        // the module path, our own defaults among them), before the chat port opens.
        Config.global(Config.empty());
        ChatMetrics metrics = ChatMetrics.create();
        DashboardFeed feed = new DashboardFeed();
        ChatStore store;
        try {
            store = ChatStore.open(settings.store(), metrics);
        } catch (RuntimeException e) {
            // The path once, then why; the exception (whose message repeats the path) in debug.log only.
            String path = settings.store().file().toAbsolutePath().toString();
            LOG.severe("[SERVER] Cannot open the database " + path + ": "
                    + Problems.reason(Problems.root(e), null).replace(path + ": ", ""));
            LOG.log(Level.FINE, "[SERVER] Cannot open the database", e);
            return 1;
        }
        try (store) {
            ChatServer server;
            try {
                server = ChatServer.start(settings.engine(), store, EngineListener.both(metrics, feed));
            } catch (IOException | UncheckedIOException e) {
                LOG.severe("[SERVER] Cannot listen on " + settings.engine().host() + ":" + settings.engine().port()
                        + ": " + e.getMessage());
                return 1;
            }
            metrics.watch(server::connectionCount, () -> server.admin().loggedInUsers());
            AdminServer admin = null;
            if (settings.admin().enabled()) {
                try {
                    admin = AdminServer.start(settings.admin(), server, store, metrics, feed, stopRequested::countDown);
                } catch (IOException | RuntimeException e) {
                    // The classroom keeps its chat: an unusable admin port (taken, unreadable token file)
                    // is the operator's problem to fix, not a reason to disconnect every student.
                    LOG.log(Level.SEVERE, "[SERVER] Cannot start the admin API on " + settings.admin().host() + ":"
                            + settings.admin().port() + ", serving chat without it: " + e.getMessage(), e);
                }
            }
            String adminPart = admin != null ? "admin API on http://" + settings.admin().host() + ":" + admin.port()
                    : settings.admin().enabled() ? "admin API NOT started (see above)" : "admin API disabled";
            LOG.info("[SERVER] " + READY_LINE + server.port() + ", " + adminPart + ", database "
                    + settings.store().file().toAbsolutePath() + ", logs in " + settings.logDir().toAbsolutePath());
            awaitStopRequest();
            LOG.info("[SERVER] Stop requested");
            // The admin API first: no command may arrive while the chat server shuts down.
            if (admin != null) {
                admin.stop();
            }
            server.stop();
        }
        LOG.info("[SERVER] Database closed, bye");
        return 0;
    }

    private void awaitStopRequest() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
