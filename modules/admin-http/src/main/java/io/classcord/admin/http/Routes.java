package io.classcord.admin.http;

import io.classcord.admin.service.AdminRefusedException;
import io.classcord.admin.service.ClassroomAdmin;
import io.classcord.engine.ChatServer;
import io.classcord.storage.ChatStore;
import io.classcord.storage.StorageException;
import io.helidon.webserver.http.HttpRouting;

/** Everything the admin port serves, behind the token filter (which leaves {@code /health} open). */
public final class Routes {

    private final TokenAuth auth;
    private final ApiRoutes api;
    private final Health health;

    public Routes(String token, ClassroomAdmin admin, ChatServer chat, ChatStore store, int defaultPageSize) {
        this.auth = new TokenAuth(token, new RefusedCallers());
        this.api = new ApiRoutes(admin, defaultPageSize);
        this.health = new Health(store, chat::isRunning);
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(auth)
                .register("/api", api)
                .register("/health", health)
                .error(AdminRefusedException.class, ApiRoutes::refused)
                .error(ApiRoutes.BadPaging.class, ApiRoutes::badPaging)
                .error(StorageException.class, ApiRoutes::storageFailed);
    }
}
