package io.classcord.admin.http;

import java.net.InetAddress;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.classcord.admin.api.ErrorBody;
import io.classcord.admin.api.SessionInfo;
import io.classcord.admin.api.SignInRequest;
import io.classcord.admin.dashboard.DashboardSessions;
import io.classcord.admin.service.Actor;
import io.classcord.engine.ChatServer;
import io.classcord.engine.LoginCheck;
import io.classcord.storage.Account;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /tableau/session}: a teacher signs in with their Classcord account (the admin role, not
 * banned), checked by the chat's own login check so that failures are throttled and logged as chat
 * failures are; reads the session back; signs out.
 */
final class SessionRoutes {

    private static final Logger AUDIT = Logger.getLogger("classcord.audit");
    private static final Logger DEBUG = Logger.getLogger("classcord.admin.debug");

    private final ChatServer chat;
    private final DashboardSessions sessions;
    private final RefusedCallers refused;

    SessionRoutes(ChatServer chat, DashboardSessions sessions, RefusedCallers refused) {
        this.chat = chat;
        this.sessions = sessions;
        this.refused = refused;
    }

    void signIn(ServerRequest req, ServerResponse res) {
        if (!DashboardRequests.sameOrigin(req)) {
            DashboardRequests.csrfRefused(req, res, refused, "foreign origin");
            return;
        }
        SignInRequest body = body(req);
        String username = body == null || body.username() == null ? "" : body.username().strip();
        String password = body == null || body.password() == null ? "" : body.password();
        InetAddress from = DashboardRequests.address(req);
        switch (chat.checkLogin(from, username, password)) {
            case LoginCheck.Throttled(long retryAfter) -> res.status(Status.TOO_MANY_REQUESTS_429)
                    .header(HeaderNames.RETRY_AFTER, String.valueOf(retryAfter))
                    .send(new ErrorBody("throttled", ApiTexts.of(req).t("signin.throttled", retryAfter)));
            case LoginCheck.Refused() -> badCredentials(req, res);
            case LoginCheck.Accepted(Account account) -> {
                if (account.banned() || !account.isAdmin()) {
                    // The same answer and the same log line as a wrong password: nothing tells which
                    // accounts exist or are administrators.
                    chat.refuseLogin(from, username);
                    badCredentials(req, res);
                    return;
                }
                DashboardSessions.Session session = sessions.open(account.username());
                Actor actor = new Actor("dashboard user '" + account.username() + "'", RequestActor.ip(req));
                AUDIT.info(() -> "[ADMIN] " + actor.who() + " from " + actor.ip() + ": sign in -> signed in");
                res.header(HeaderNames.SET_COOKIE, DashboardRequests.cookie(session.id(), req.isSecure(), false))
                        .send(info(session));
            }
        }
    }

    void current(ServerRequest req, ServerResponse res) {
        Optional<DashboardSessions.Session> session = DashboardRequests.sessionCookie(req).flatMap(sessions::use);
        if (session.isEmpty()) {
            signedOut(req, res);
            return;
        }
        res.send(info(session.get()));
    }

    void signOut(ServerRequest req, ServerResponse res) {
        Optional<String> id = DashboardRequests.sessionCookie(req);
        Optional<DashboardSessions.Session> session = id.flatMap(sessions::use);
        if (session.isEmpty()) {
            signedOut(req, res);
            return;
        }
        if (!DashboardRequests.sameOrigin(req) || !DashboardRequests.csrfTokenMatches(req, session.get())) {
            DashboardRequests.csrfRefused(req, res, refused, "missing or wrong anti-CSRF token, or foreign origin");
            return;
        }
        sessions.close(session.get().id());
        String ip = RequestActor.ip(req);
        AUDIT.info(() -> "[ADMIN] dashboard user '" + session.get().username() + "' from " + ip + ": sign out -> signed out");
        res.status(Status.NO_CONTENT_204)
                .header(HeaderNames.SET_COOKIE, DashboardRequests.cookie("", req.isSecure(), true))
                .send();
    }

    private static void badCredentials(ServerRequest req, ServerResponse res) {
        res.status(Status.UNAUTHORIZED_401).send(new ErrorBody("bad_credentials", ApiTexts.of(req).t("signin.bad")));
    }

    static void signedOut(ServerRequest req, ServerResponse res) {
        res.status(Status.UNAUTHORIZED_401).send(new ErrorBody("signed_out", ApiTexts.of(req).t("signed.out")));
    }

    private static SessionInfo info(DashboardSessions.Session session) {
        return new SessionInfo(session.username(), session.csrfToken(), session.expiresAt().toString());
    }

    private static SignInRequest body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return null;
        }
        try {
            return req.content().as(SignInRequest.class);
        } catch (RuntimeException e) {
            DEBUG.log(Level.FINE, "unreadable sign-in body", e);
            return null;
        }
    }
}
