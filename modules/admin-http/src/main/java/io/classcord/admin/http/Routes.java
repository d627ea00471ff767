package io.classcord.admin.http;

import io.classcord.admin.health.ReadinessSummary;
import io.classcord.admin.service.AdminRefusedException;
import io.classcord.admin.service.ClassroomAdmin;
import io.classcord.storage.StorageException;
import io.helidon.webserver.http.HttpRouting;

/**
 * What the admin port serves besides the observers: the API behind the token filter, and
 * {@code /health}, which the filter leaves open for probes.
 */
public final class Routes {

    private final TokenAuth auth;
    private final ApiRoutes api;
    private final ReadinessSummary health;

    public Routes(String token, ClassroomAdmin admin, ReadinessSummary health, int defaultPageSize) {
        this.auth = new TokenAuth(token, new RefusedCallers());
        this.api = new ApiRoutes(admin, defaultPageSize);
        this.health = health;
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(auth)
                .register("/api", api)
                .get("/health", health)
                .error(AdminRefusedException.class, ApiRoutes::refused)
                .error(ApiRoutes.BadPaging.class, ApiRoutes::badPaging)
                .error(StorageException.class, ApiRoutes::storageFailed);
    }
}
