package io.classcord.admin.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Optional;

import io.classcord.admin.api.ErrorBody;
import io.classcord.admin.dashboard.DashboardSessions;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** What every dashboard request is checked against: its session cookie, its origin, its anti-CSRF token. */
final class DashboardRequests {

    static final String COOKIE = "classcord_session";
    static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-Token");
    static final String PREFIX = "/tableau";

    private DashboardRequests() {
    }

    static boolean isDashboardPath(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    static Optional<String> sessionCookie(ServerRequest request) {
        return request.headers().cookies().first(COOKIE).asOptional().filter(id -> !id.isBlank());
    }

    /**
     * True without an {@code Origin} header (a same-origin GET need not send one) or when it names this
     * server as the browser reached it (its {@code Host}: loopback, a forwarded port, an SSH tunnel).
     */
    static boolean sameOrigin(ServerRequest request) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) {
            return true;
        }
        Optional<String> host = request.headers().first(HeaderNames.HOST);
        String own = (request.isSecure() ? "https://" : "http://") + host.orElse("");
        return host.isPresent() && origin.get().equalsIgnoreCase(own);
    }

    static boolean csrfTokenMatches(ServerRequest request, DashboardSessions.Session session) {
        Optional<String> sent = request.headers().first(CSRF_HEADER);
        return sent.isPresent() && MessageDigest.isEqual(ApiAuth.sha256(sent.get()), ApiAuth.sha256(session.csrfToken()));
    }

    static void csrfRefused(ServerRequest request, ServerResponse response, RefusedCallers audit, String why) {
        audit.refused(request, why);
        response.status(Status.FORBIDDEN_403).send(new ErrorBody("csrf", ApiTexts.of(request).t("csrf")));
    }

    static InetAddress address(ServerRequest request) {
        if (request.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }

    /** The cookie that holds the session; {@code Secure} when the browser came over TLS. */
    static String cookie(String value, boolean secure, boolean clear) {
        return COOKIE + "=" + value + "; Path=/" + (clear ? "; Max-Age=0" : "") + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
