package io.classcord.admin.http;

import io.classcord.admin.export.Exporter;
import io.classcord.engine.ChatServer;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StorageException;
import io.helidon.webserver.http.HttpRouting;

/** Everything the admin port serves, behind the token filter (which leaves {@code /health} open). */
public final class Routes {

    private final TokenAuth auth;
    private final AdminApi api;
    private final Health health;

    public Routes(String token, ChatServer chat, ChatStore store, Exporter exporter, Runnable stopServer,
                  int defaultPageSize) {
        Audit audit = new Audit();
        this.auth = new TokenAuth(token, audit);
        this.api = new AdminApi(chat.admin(), store, exporter, stopServer, audit, defaultPageSize);
        this.health = new Health(store, chat::isRunning);
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(auth)
                .register("/api", api)
                .register("/health", health)
                .error(StorageException.class, AdminApi::storageFailed);
    }
}
