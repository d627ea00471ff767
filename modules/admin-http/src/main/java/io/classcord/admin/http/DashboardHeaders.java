package io.classcord.admin.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The browser-side defences of every dashboard and API answer: the page runs only its own scripts
 * and styles, cannot be framed, leaks no referrer, and nothing with a pupil's messages is cached.
 */
final class DashboardHeaders implements Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (DashboardRequests.isDashboardPath(path) || path.equals("/api") || path.startsWith("/api/")) {
            response.header(HeaderNames.create("X-Content-Type-Options"), "nosniff")
                    .header(HeaderNames.CACHE_CONTROL, "no-store");
        }
        if (DashboardRequests.isDashboardPath(path)) {
            response.header(HeaderNames.create("Content-Security-Policy"), CONTENT_SECURITY_POLICY)
                    .header(HeaderNames.create("Referrer-Policy"), "no-referrer")
                    .header(HeaderNames.create("X-Frame-Options"), "DENY");
        }
        chain.proceed();
    }
}
