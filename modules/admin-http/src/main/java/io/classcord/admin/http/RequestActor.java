package io.classcord.admin.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.classcord.admin.service.Actor;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who makes an API request, for the audit log: the teacher signed in to the dashboard, or the token
 * holder, named by an optional header; and the IP.
 */
final class RequestActor {

    /** Optional header naming the operator (the console sends the login name); the token itself is never logged. */
    static final HeaderName OPERATOR = HeaderNames.create("X-Classcord-Operator");

    private RequestActor() {
    }

    static Actor of(ServerRequest request) {
        String who = request.context().get(SignedIn.class)
                .map(signedIn -> "dashboard user '" + signedIn.username() + "'")
                .orElseGet(() -> operator(request));
        return new Actor(who, ip(request));
    }

    static String ip(ServerRequest request) {
        SocketAddress address = request.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static String operator(ServerRequest request) {
        String name = request.headers().first(OPERATOR).orElse("").strip();
        // Only what cannot forge or break a log line.
        String clean = name.codePoints().filter(c -> c > 0x20 && c < 0x7f)
                .limit(64).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.isEmpty() ? "token holder" : "token holder '" + clean + "'";
    }
}
