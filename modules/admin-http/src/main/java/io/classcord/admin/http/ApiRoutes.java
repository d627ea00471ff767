package io.classcord.admin.http;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.admin.api.AlertRequest;
import io.classcord.admin.api.ErrorBody;
import io.classcord.admin.api.KickRequest;
import io.classcord.admin.api.NewChannel;
import io.classcord.admin.service.AdminRefusedException;
import io.classcord.admin.service.ClassroomAdmin;
import io.classcord.admin.service.MessageFilter;
import io.classcord.storage.StorageException;
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

    private final ClassroomAdmin admin;
    private final int defaultPageSize;

    ApiRoutes(ClassroomAdmin admin, int defaultPageSize) {
        this.admin = admin;
        this.defaultPageSize = defaultPageSize;
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
                .post("/users/{name}/ban", (req, res) -> res.send(admin.ban(RequestActor.of(req), name(req))))
                .post("/users/{name}/unban", (req, res) -> res.send(admin.unban(RequestActor.of(req), name(req))))
                .get("/messages", this::messages)
                .post("/alert", this::alert)
                .post("/exports", (req, res) -> res.status(Status.CREATED_201)
                        .send(admin.export(RequestActor.of(req), req.query().first("type").orElse("all"))))
                .post("/shutdown", (req, res) -> admin.stop(RequestActor.of(req),
                        stopping -> res.status(Status.ACCEPTED_202).send(stopping)));
    }

    private void createChannel(ServerRequest req, ServerResponse res) {
        NewChannel body = body(req, NewChannel.class);
        res.status(Status.CREATED_201).send(admin.createChannel(RequestActor.of(req), body == null ? null : body.name()));
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
            case UNKNOWN_USER, UNKNOWN_CHANNEL -> Status.NOT_FOUND_404;
            case CHANNEL_EXISTS, TOO_MANY_CHANNELS -> Status.CONFLICT_409;
            case INVALID_CHANNEL, BAD_REQUEST, BAD_PAGING, BAD_TIME -> Status.BAD_REQUEST_400;
            case EXPORT_FAILED -> Status.INTERNAL_SERVER_ERROR_500;
        };
        res.status(status).send(new ErrorBody(e.refusal().code(), ApiTexts.of(req).t(e.textKey(), e.textArgs())));
    }

    static void badPaging(ServerRequest req, ServerResponse res, BadPaging e) {
        res.status(Status.BAD_REQUEST_400).send(new ErrorBody("bad_paging", ApiTexts.of(req).t("paging.numbers")));
    }

    /** Storage failures become 503 with a JSON body rather than Helidon's plain-text 500. */
    static void storageFailed(ServerRequest req, ServerResponse res, StorageException e) {
        DEBUG.log(Level.WARNING, "storage failure during " + req.path().path(), e);
        res.status(Status.SERVICE_UNAVAILABLE_503).send(new ErrorBody("storage_unavailable",
                ApiTexts.of(req).t("storage.unavailable", e.getMessage())));
    }
}
