package io.classcord.admin.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import io.classcord.admin.api.ErrorBody;
import io.classcord.admin.dashboard.DashboardSessions;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Lets an API request through with {@code Authorization: Bearer <token>} (scripts, the console) or
 * with a dashboard session cookie; {@code /health} stays open for probes and the {@code /tableau}
 * routes check their session themselves. Refusals get 401 and an audit line with the caller's IP. A
 * cookie is sent by the browser whoever made the page, so a cookie request must also come from this
 * server's own origin and, unless it only reads, carry the session's anti-CSRF token.
 */
final class ApiAuth implements Filter {

    private static final String PREFIX = "Bearer ";

    private final byte[] expectedDigest;
    private final RefusedCallers audit;
    private final DashboardSessions sessions;

    ApiAuth(String token, RefusedCallers audit, DashboardSessions sessions) {
        this.expectedDigest = sha256(token);
        this.audit = audit;
        this.sessions = sessions;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (path.equals("/health") || path.startsWith("/health/") || DashboardRequests.isDashboardPath(path)) {
            chain.proceed();
            return;
        }
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        Optional<String> cookie = DashboardRequests.sessionCookie(request);
        if (header.isEmpty() && cookie.isPresent()) {
            withSession(chain, request, response, cookie.get());
            return;
        }
        String why = null;
        if (header.isEmpty() || !header.get().regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            why = "missing token";
        } else if (!matches(header.get().substring(PREFIX.length()).strip())) {
            why = "wrong token";
        }
        if (why == null) {
            chain.proceed();
            return;
        }
        unauthorized(request, response, why);
    }

    private void withSession(FilterChain chain, RoutingRequest request, RoutingResponse response, String id) {
        Optional<DashboardSessions.Session> session = sessions.use(id);
        if (session.isEmpty()) {
            unauthorized(request, response, "no valid session");
            return;
        }
        if (!DashboardRequests.sameOrigin(request)) {
            DashboardRequests.csrfRefused(request, response, audit, "foreign origin");
            return;
        }
        Method method = request.prologue().method();
        if (!method.equals(Method.GET) && !method.equals(Method.HEAD)
                && !DashboardRequests.csrfTokenMatches(request, session.get())) {
            DashboardRequests.csrfRefused(request, response, audit, "missing or wrong anti-CSRF token");
            return;
        }
        request.context().register(new SignedIn(session.get().username()));
        chain.proceed();
    }

    private void unauthorized(RoutingRequest request, RoutingResponse response, String why) {
        audit.refused(request, why);
        response.status(Status.UNAUTHORIZED_401)
                .header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"classcord-admin\""))
                .send(new ErrorBody("unauthorized", ApiTexts.of(request).t("unauthorized")));
    }

    /** Compares digests, so neither the content nor the length of the token shows in the timing. */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
