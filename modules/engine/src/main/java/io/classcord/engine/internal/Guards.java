package io.classcord.engine.internal;

import java.util.concurrent.Semaphore;

/**
 * The server-wide limits every connection's requests consult, shared by every connection.
 *
 * @param historyPages history replies being built at once: each holds up to a page of messages in
 *                     memory before it is queued (and counted) for its client
 */
record Guards(IpLimits ipLimits, PasswordCheck passwords, CreationLimit registrations, CreationLimit channels,
              Semaphore historyPages) {

    static final int HISTORY_PAGES_AT_ONCE = 4;
}
