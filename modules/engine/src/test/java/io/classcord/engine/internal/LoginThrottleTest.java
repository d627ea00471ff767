package io.classcord.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(60), now::get);

    @Test
    void refusesAfterTheLimitUntilTheOldestFailureLeavesTheWindow() throws Exception {
        InetAddress school = InetAddress.getByName("10.0.0.8");
        InetAddress other = InetAddress.getByName("10.0.0.9");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.retryAfterSeconds(school));
            throttle.failed(school);
            now.addAndGet(Duration.ofSeconds(10).toNanos());
        }
        // Failures at t=0, 10, 20; now t=30: the first one leaves the window at t=60.
        assertEquals(30, throttle.retryAfterSeconds(school));
        assertEquals(0, throttle.retryAfterSeconds(other));
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(0, throttle.retryAfterSeconds(school));
    }

    @Test
    void zeroDisablesIt() throws Exception {
        LoginThrottle off = new LoginThrottle(0, Duration.ofSeconds(60), now::get);
        InetAddress address = InetAddress.getByName("10.0.0.8");
        for (int i = 0; i < 100; i++) {
            off.failed(address);
        }
        assertEquals(0, off.retryAfterSeconds(address));
        assertEquals(0, off.trackedAddresses());
    }
}
