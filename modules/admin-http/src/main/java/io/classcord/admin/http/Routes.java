package io.classcord.admin.http;

import io.classcord.admin.dashboard.DashboardSessions;
import io.classcord.admin.dashboard.LiveFeed;
import io.classcord.admin.health.ReadinessSummary;
import io.classcord.admin.service.AdminRefusedException;
import io.classcord.admin.service.ClassroomAdmin;
import io.classcord.engine.ChatServer;
import io.classcord.storage.BusyException;
import io.classcord.storage.StorageException;
import io.helidon.webserver.http.HttpRouting;

/**
 * What the admin port serves besides the observers: the API behind the token-or-session filter, the
 * teacher's dashboard under {@code /tableau} (page, sign-in, live events), and {@code /health}, which
 * the filter leaves open for probes.
 */
public final class Routes {

    private final ApiAuth auth;
    private final ApiRoutes api;
    private final ReadinessSummary health;
    private final StaticFiles files = new StaticFiles();
    private final SessionRoutes session;
    private final EventStream events;

    public Routes(String token, ClassroomAdmin admin, ReadinessSummary health, int defaultPageSize, ChatServer chat,
                  DashboardSessions sessions, LiveFeed feed) {
        RefusedCallers refused = new RefusedCallers();
        this.auth = new ApiAuth(token, refused, sessions);
        this.api = new ApiRoutes(admin, defaultPageSize, sessions, feed);
        this.health = health;
        this.session = new SessionRoutes(chat, sessions, refused);
        this.events = new EventStream(feed, sessions, refused);
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter(new DashboardHeaders())
                .addFilter(auth)
                .register("/api", api)
                .get("/health", health)
                .get("/tableau", files::redirect)
                .get("/tableau/", files::index)
                .post("/tableau/session", session::signIn)
                .get("/tableau/session", session::current)
                .delete("/tableau/session", session::signOut)
                .get("/tableau/events", events::stream)
                .get("/tableau/{file}", files::file)
                .error(AdminRefusedException.class, ApiRoutes::refused)
                .error(ApiRoutes.BadPaging.class, ApiRoutes::badPaging)
                .error(ApiRoutes.BadQuery.class, ApiRoutes::badQuery)
                .error(BusyException.class, ApiRoutes::busy)
                .error(StorageException.class, ApiRoutes::storageFailed);
    }
}
