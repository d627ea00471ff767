package io.classcord.admin.service;

import java.util.logging.Logger;

/**
 * One line in {@code audit.log} per state-changing call, refused or done: who, from which IP, what,
 * result. The logger name routes the lines to audit.log (see the app's LogSetup).
 */
final class AuditLog {

    private static final Logger LOG = Logger.getLogger("classcord.audit");

    void action(Actor actor, String what, String result) {
        LOG.info(() -> "[ADMIN] " + actor.who() + " from " + actor.ip() + ": " + what + " -> " + result);
    }
}
