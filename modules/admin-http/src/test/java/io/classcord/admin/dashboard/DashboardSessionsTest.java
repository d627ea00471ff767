package io.classcord.admin.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DashboardSessionsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final DashboardSessions sessions = new DashboardSessions(clock, Duration.ofMinutes(30), Duration.ofHours(8));

    @Test
    void idsAreRandom256BitTokensDistinctFromTheCsrfToken() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            DashboardSessions.Session session = sessions.open("prof");
            assertEquals(43, session.id().length(), "32 bytes in unpadded base64url");
            assertNotEquals(session.id(), session.csrfToken());
            assertTrue(seen.add(session.id()));
        }
    }

    @Test
    void anIdleSessionEndsAndAUsedOneEndsAtItsAbsoluteExpiry() {
        String idle = sessions.open("prof").id();
        String used = sessions.open("prof").id();
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.use(used).isPresent());
        clock.advance(Duration.ofMinutes(2));
        assertTrue(sessions.use(idle).isEmpty(), "31 minutes without a request");
        assertTrue(sessions.use(used).isPresent());
        for (int i = 0; i < 16; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.use(used);
        }
        assertTrue(sessions.use(used).isEmpty(), "past 8 hours even when used");
        assertFalse(sessions.isLive(used));
    }

    @Test
    void theCountIsBoundedAndTheLeastRecentlyUsedGoesFirst() {
        String first = sessions.open("prof").id();
        String second = sessions.open("prof").id();
        clock.advance(Duration.ofSeconds(1));
        sessions.use(first);
        for (int i = 0; i < DashboardSessions.MAX_SESSIONS - 1; i++) {
            clock.advance(Duration.ofMillis(1));
            sessions.open("someone");
        }
        assertTrue(sessions.isLive(first));
        assertFalse(sessions.isLive(second));
    }

    @Test
    void closingAllOfAnAccountIgnoresCase() {
        String session = sessions.open("Prof").id();
        String other = sessions.open("alice").id();
        sessions.closeAllOf("prof");
        assertFalse(sessions.isLive(session));
        assertTrue(sessions.isLive(other));
    }
}
