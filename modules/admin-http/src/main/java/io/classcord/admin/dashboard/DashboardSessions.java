package io.classcord.admin.dashboard;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.classcord.identity.Identity;

/**
 * The teachers signed in to the dashboard, in memory only (a restart signs everyone out): random
 * 256-bit ids, an idle and an absolute expiry, and a bounded count, so that sign-ins cannot grow
 * the heap.
 */
public final class DashboardSessions {

    /** A signed-in teacher; {@code lastUsed} moves on with each request. */
    public record Session(String id, String csrfToken, String username, Instant created, Instant lastUsed,
                          Instant expiresAt) {
    }

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(8);
    /** Far more than the teachers of one server; the least recently used goes first beyond it. */
    static final int MAX_SESSIONS = 64;
    private static final int ID_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    public DashboardSessions(Clock clock, Duration idle, Duration absolute) {
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    public Session open(String username) {
        Instant now = clock.instant();
        Session session = new Session(randomToken(), randomToken(), username, now, now, now.plus(absolute));
        synchronized (sessions) {
            sessions.values().removeIf(s -> expired(s, now));
            while (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream().min(Comparator.comparing(Session::lastUsed))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
            sessions.put(session.id(), session);
        }
        return session;
    }

    /** The live session of that id, its use recorded; empty (and forgotten) once expired. */
    public Optional<Session> use(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(id, (key, session) -> expired(session, now) ? null
                : new Session(session.id(), session.csrfToken(), session.username(), session.created(), now,
                        session.expiresAt()));
        return Optional.ofNullable(found);
    }

    /** Whether that session is still live, without counting as a use (a long-lived event stream). */
    public boolean isLive(String id) {
        Session session = sessions.get(id);
        return session != null && !expired(session, clock.instant());
    }

    public void close(String id) {
        sessions.remove(id);
    }

    /** Signs out every session of an account that lost the admin role or was banned. */
    public void closeAllOf(String username) {
        String key = Identity.key(username);
        sessions.values().removeIf(s -> Identity.key(s.username()).equals(key));
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.expiresAt()) || !now.isBefore(session.lastUsed().plus(idle));
    }

    private String randomToken() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
