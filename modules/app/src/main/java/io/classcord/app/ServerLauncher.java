package io.classcord.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.app.logging.LogSetup;
import io.classcord.engine.ChatServer;
import io.classcord.storage.ChatStore;
import sun.misc.Signal;

/**
 * Runs the server until SIGTERM or SIGINT, then stops it in order: clients get the shutdown
 * notice, pending writes are flushed, the database is closed, the logs are flushed, exit 0.
 */
final class ServerLauncher {

    private static final Logger LOG = Logger.getLogger("classcord.server");

    private final Settings settings;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    ServerLauncher(Settings settings) {
        this.settings = settings;
    }

    int runUntilStopped() {
        LogSetup logs;
        try {
            logs = LogSetup.configure(settings.logDir(), settings.logToConsole());
        } catch (IOException e) {
            System.err.println("classcord: cannot write logs in " + settings.logDir().toAbsolutePath() + ": " + e.getMessage());
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
        ChatStore store;
        try {
            store = ChatStore.open(settings.store());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "[SERVER] Cannot open the database " + settings.store().file().toAbsolutePath()
                    + ": " + e.getMessage(), e);
            return 1;
        }
        try (store) {
            ChatServer server;
            try {
                server = ChatServer.start(settings.engine(), store);
            } catch (IOException | UncheckedIOException e) {
                LOG.severe("[SERVER] Cannot listen on " + settings.engine().host() + ":" + settings.engine().port()
                        + ": " + e.getMessage());
                return 1;
            }
            LOG.info("[SERVER] Classcord ready: chat on port " + server.port() + ", database "
                    + settings.store().file().toAbsolutePath() + ", logs in " + settings.logDir().toAbsolutePath());
            awaitStopRequest();
            LOG.info("[SERVER] Stop requested");
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
