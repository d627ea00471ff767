package io.classcord.admin.http;

import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.http.ServerRequest;

/**
 * The audit line of a caller refused for its token: the IP, the method and path, why. The logger
 * name routes the lines to audit.log (see the app's LogSetup).
 */
final class RefusedCallers {

    private static final Logger LOG = Logger.getLogger("classcord.audit");

    void refused(ServerRequest request, String why) {
        LOG.log(Level.WARNING, () -> "[AUTH] Unauthorized admin API call from " + RequestActor.ip(request) + ": "
                + request.prologue().method().text() + " " + request.path().path() + " (" + why + ")");
    }
}
