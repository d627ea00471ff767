package io.classcord.engine;

import java.io.IOException;
import java.nio.file.Path;

import io.classcord.storage.ChatStore;
import io.classcord.storage.CommitListener;
import io.classcord.storage.StoreSettings;
import io.classcord.testsupport.WireClient;

/** A real server on 127.0.0.1 with a real SQLite file; cheap password hashing to keep tests fast. */
final class ServerFixture implements AutoCloseable {

    final ChatStore store;
    final ChatServer server;

    ServerFixture(Path dir, EngineSettings.Builder settings) throws IOException {
        this(dir, settings, EngineListener.NONE);
    }

    ServerFixture(Path dir, EngineSettings.Builder settings, EngineListener listener) throws IOException {
        this(dir, settings, listener, CommitListener.NONE);
    }

    /** {@code commits} is called on the store's writer thread before a batch's messages are delivered. */
    ServerFixture(Path dir, EngineSettings.Builder settings, EngineListener listener, CommitListener commits)
            throws IOException {
        store = ChatStore.open(new StoreSettings(dir.resolve("classcord.db"), "NORMAL", 512, 1024, 1, 1), commits);
        server = ChatServer.start(settings.host("127.0.0.1").port(0).build(), store, listener);
    }

    ServerFixture(Path dir) throws IOException {
        this(dir, EngineSettings.builder().messagesPerSecond(1000).messageBurst(1000));
    }

    int port() {
        return server.port();
    }

    WireClient client() throws IOException {
        return WireClient.connect(port());
    }

    WireClient user(String name) throws IOException {
        return WireClient.loggedIn(port(), name, "secret-" + name);
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }
}
