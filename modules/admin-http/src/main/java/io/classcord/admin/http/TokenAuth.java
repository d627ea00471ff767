package io.classcord.admin.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import io.classcord.admin.api.ErrorBody;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; {@code /health} stays open
 * for probes. Refusals get 401 and an audit line with the caller's IP.
 */
final class TokenAuth implements Filter {

    private static final String PREFIX = "Bearer ";

    private final byte[] expectedDigest;
    private final RefusedCallers audit;

    TokenAuth(String token, RefusedCallers audit) {
        this.expectedDigest = sha256(token);
        this.audit = audit;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (path.equals("/health") || path.startsWith("/health/")) {
            chain.proceed();
            return;
        }
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
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
        audit.refused(request, why);
        response.status(Status.UNAUTHORIZED_401)
                .header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"classcord-admin\""))
                .send(new ErrorBody("unauthorized", ApiTexts.of(request).t("unauthorized")));
    }

    /** Compares digests, so neither the content nor the length of the token shows in the timing. */
    private boolean matches(String presented) {
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
