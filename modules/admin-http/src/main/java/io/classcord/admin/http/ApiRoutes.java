package io.classcord.admin.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.admin.api.Activity;
import io.classcord.admin.api.AlertRequest;
import io.classcord.admin.api.ErrorBody;
import io.classcord.admin.api.KickRequest;
import io.classcord.admin.api.NewChannel;
import io.classcord.admin.api.RoleRequest;
import io.classcord.admin.dashboard.ActivityRing;
import io.classcord.admin.dashboard.DashboardSessions;
import io.classcord.admin.dashboard.LiveFeed;
import io.classcord.admin.dashboard.SecurityRing;
import io.classcord.admin.service.AdminRefusedException;
import io.classcord.admin.service.ClassroomAdmin;
import io.classcord.admin.service.MessageFilter;
import io.classcord.storage.BusyException;
import io.classcord.storage.StorageException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The {@code /api} endpoints (docs/admin-api.md): each reads its request, calls {@link ClassroomAdmin}
 * and sends the record it returns; refusals become JSON error bodies in the caller's language.
 */
final class ApiRoutes implements HttpService {

    private static final Logger DEBUG = Logger.getLogger("classcord.admin.debug");

    private static final int DEFAULT_ACTIVITY_HOURS = 3;
    private static final int DEFAULT_SECURITY_EVENTS = 100;

    private final ClassroomAdmin admin;
    private final int defaultPageSize;
    private final DashboardSessions sessions;
    private final LiveFeed feed;

    ApiRoutes(ClassroomAdmin admin, int defaultPageSize, DashboardSessions sessions, LiveFeed feed) {
        this.admin = admin;
        this.defaultPageSize = defaultPageSize;
        this.sessions = sessions;
        this.feed = feed;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/clients", (req, res) -> res.send(admin.clients()))
                .get("/channels", (req, res) -> res.send(admin.channels()))
                .post("/channels", this::createChannel)
                .post("/channels/{name}/close", (req, res) -> res.send(admin.closeChannel(RequestActor.of(req), name(req))))
                .post("/channels/{name}/reopen", (req, res) -> res.send(admin.reopenChannel(RequestActor.of(req), name(req))))
                .get("/users", this::users)
                .get("/users/{name}", (req, res) -> res.send(admin.user(name(req))))
                .post("/users/{name}/kick", this::kick)
                .put("/users/{name}/role", this::role)
                .post("/users/{name}/ban", this::ban)
                .post("/users/{name}/unban", (req, res) -> res.send(admin.unban(RequestActor.of(req), name(req))))
                .get("/messages", this::messages)
                .post("/alert", this::alert)
                .post("/exports", (req, res) -> res.status(Status.CREATED_201)
                        .send(admin.export(RequestActor.of(req), req.query().first("type").orElse("all"))))
                .get("/exports/{file}", this::download)
                .get("/activity", this::activity)
                .get("/security", this::security)
                .post("/shutdown", (req, res) -> admin.stop(RequestActor.of(req),
                        stopping -> res.status(Status.ACCEPTED_202).send(stopping)));
    }

    private void createChannel(ServerRequest req, ServerResponse res) {
        NewChannel body = body(req, NewChannel.class);
        res.status(Status.CREATED_201).send(admin.createChannel(RequestActor.of(req), body == null ? null : body.name()));
    }

    private void role(ServerRequest req, ServerResponse res) {
        RoleRequest body = body(req, RoleRequest.class);
        var account = admin.setRole(RequestActor.of(req), name(req), body == null ? null : body.role());
        if (!"admin".equals(account.role())) {
            // A teacher who lost the role loses the dashboard at once, not at the session's expiry.
            sessions.closeAllOf(account.username());
        }
        res.send(account);
    }

    private void ban(ServerRequest req, ServerResponse res) {
        var change = admin.ban(RequestActor.of(req), name(req));
        sessions.closeAllOf(change.user());
        res.send(change);
    }

    private void download(ServerRequest req, ServerResponse res) throws IOException {
        Path file = admin.exportFile(RequestActor.of(req), req.path().pathParameters().get("file"));
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8")
                .header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + file.getFileName() + "\"");
        try (OutputStream out = res.outputStream()) {
            Files.copy(file, out);
        }
    }

    private void activity(ServerRequest req, ServerResponse res) {
        int hours = bounded(req, "hours", DEFAULT_ACTIVITY_HOURS, ActivityRing.MAX_HOURS, "activity.hours");
        res.send(new Activity(feed.activity(hours, Instant.now())));
    }

    private void security(ServerRequest req, ServerResponse res) {
        int limit = bounded(req, "limit", DEFAULT_SECURITY_EVENTS, SecurityRing.CAPACITY, "security.limit");
        res.send(feed.security(limit));
    }

    /** A query number from 1 to {@code max}, {@code fallback} when absent. */
    private static int bounded(ServerRequest req, String name, int fallback, int max, String textKey) {
        String text = req.query().first(name).orElse(String.valueOf(fallback));
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw new BadQuery(textKey, max);
    }

    private void users(ServerRequest req, ServerResponse res) {
        res.send(admin.users(req.query().first("search").orElse(null), offset(req), limit(req)));
    }

    private void kick(ServerRequest req, ServerResponse res) {
        KickRequest body = body(req, KickRequest.class);
        res.send(admin.kick(RequestActor.of(req), name(req), body == null ? null : body.reason()));
    }

    private void messages(ServerRequest req, ServerResponse res) {
        var query = req.query();
        res.send(admin.messages(new MessageFilter(query.first("channel").orElse(null), query.first("user").orElse(null),
                query.first("from").orElse(null), query.first("to").orElse(null), offset(req), limit(req))));
    }

    private void alert(ServerRequest req, ServerResponse res) {
        AlertRequest body = body(req, AlertRequest.class);
        res.send(admin.alert(RequestActor.of(req), body == null ? null : body.message(), body == null ? null : body.channel()));
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private static int offset(ServerRequest req) {
        return number(req.query().first("offset").orElse("0"));
    }

    private int limit(ServerRequest req) {
        return number(req.query().first("limit").orElse(String.valueOf(defaultPageSize)));
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadPaging();
        }
    }

    /** offset or limit that is not a whole number. */
    static final class BadPaging extends RuntimeException {

        BadPaging() {
            super("offset and limit must be whole numbers", null, false, false);
        }
    }

    /** The request's JSON body, or null when there is none or it does not parse. */
    private static <T> T body(ServerRequest req, Class<T> type) {
        if (!req.content().hasEntity()) {
            return null;
        }
        try {
            return req.content().as(type);
        } catch (RuntimeException e) {
            DEBUG.log(Level.FINE, "unreadable request body", e);
            return null;
        }
    }

    static void refused(ServerRequest req, ServerResponse res, AdminRefusedException e) {
        Status status = switch (e.refusal()) {
            case UNKNOWN_USER, UNKNOWN_CHANNEL, NO_SUCH_EXPORT -> Status.NOT_FOUND_404;
            case CHANNEL_EXISTS, TOO_MANY_CHANNELS, LAST_ADMIN -> Status.CONFLICT_409;
            case INVALID_CHANNEL, BAD_REQUEST, BAD_PAGING, BAD_TIME -> Status.BAD_REQUEST_400;
            case EXPORT_FAILED -> Status.INTERNAL_SERVER_ERROR_500;
        };
        res.status(status).send(new ErrorBody(e.refusal().code(), ApiTexts.of(req).t(e.textKey(), e.textArgs())));
    }

    /** A query number out of its bounds (hours, limit of the dashboard's figures). */
    static final class BadQuery extends RuntimeException {

        private final String textKey;
        private final int max;

        BadQuery(String textKey, int max) {
            super(textKey, null, false, false);
            this.textKey = textKey;
            this.max = max;
        }
    }

    static void badQuery(ServerRequest req, ServerResponse res, BadQuery e) {
        res.status(Status.BAD_REQUEST_400).send(new ErrorBody("bad_request", ApiTexts.of(req).t(e.textKey, e.max)));
    }

    static void badPaging(ServerRequest req, ServerResponse res, BadPaging e) {
        res.status(Status.BAD_REQUEST_400).send(new ErrorBody("bad_paging", ApiTexts.of(req).t("paging.numbers")));
    }

    /** Password hashing saturated (a sign-in flood): 503 in the caller's language, no storage detail. */
    static void busy(ServerRequest req, ServerResponse res, BusyException e) {
        res.status(Status.SERVICE_UNAVAILABLE_503).send(new ErrorBody("server_busy", ApiTexts.of(req).t("server.busy")));
    }

    /** Storage failures become 503 with a JSON body rather than Helidon's plain-text 500. */
    static void storageFailed(ServerRequest req, ServerResponse res, StorageException e) {
        DEBUG.log(Level.WARNING, "storage failure during " + req.path().path(), e);
        res.status(Status.SERVICE_UNAVAILABLE_503).send(new ErrorBody("storage_unavailable",
                ApiTexts.of(req).t("storage.unavailable", e.getMessage())));
    }
}
