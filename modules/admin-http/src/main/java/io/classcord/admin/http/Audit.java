package io.classcord.admin.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * One line in {@code audit.log} per state-changing call and per refused caller: who, from which IP,
 * what, result. The logger name routes the lines to audit.log (see the app's LogSetup).
 */
final class Audit {

    /** Optional header naming the operator (the console sends the login name); the token itself is never logged. */
    static final HeaderName OPERATOR = HeaderNames.create("X-Classcord-Operator");

    private static final Logger LOG = Logger.getLogger("classcord.audit");

    void action(ServerRequest request, String what, String result) {
        LOG.info(() -> "[ADMIN] " + operator(request) + " from " + ip(request) + ": " + what + " -> " + result);
    }

    void refused(ServerRequest request, String why) {
        LOG.log(Level.WARNING, () -> "[AUTH] Unauthorized admin API call from " + ip(request) + ": "
                + request.prologue().method().text() + " " + request.path().path() + " (" + why + ")");
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
