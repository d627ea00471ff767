package io.classcord.engine.internal;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Refuses login attempts from an address after too many failures in a sliding window, without
 * hashing the password: a brute force then costs the server almost nothing and makes no progress.
 * A whole classroom often shares one NAT address, so the default limit is generous, and success
 * does not reset the count (one valid account must not unlock guessing the others).
 */
final class LoginThrottle {

    /** The most recent failure times of one address, oldest first; guarded by the map's compute. */
    private record Failures(long[] times) {
    }

    private static final int PURGE_EVERY = 256;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<InetAddress, Failures> failures = new ConcurrentHashMap<>();
    private final AtomicInteger recorded = new AtomicInteger();

    /** @param maxFailures failures within the window after which attempts are refused; 0 disables throttling */
    LoginThrottle(int maxFailures, java.time.Duration window, LongSupplier nanoTime) {
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Seconds before {@code address} may try again; 0 when it may try now. */
    long retryAfterSeconds(InetAddress address) {
        if (maxFailures <= 0) {
            return 0;
        }
        Failures recent = failures.get(address);
        if (recent == null) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long[] times = recent.times();
        int inWindow = 0;
        for (long time : times) {
            if (now - time < windowNanos) {
                inWindow++;
            }
        }
        if (inWindow < maxFailures) {
            return 0;
        }
        // Allowed again once the oldest failure that still counts leaves the window.
        long oldest = times[times.length - maxFailures];
        return Math.max(1, (oldest + windowNanos - now + 999_999_999L) / 1_000_000_000L);
    }

    void failed(InetAddress address) {
        if (maxFailures <= 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        failures.compute(address, (key, current) -> {
            long[] times = current == null ? new long[0] : current.times();
            // Only the last maxFailures matter, so memory per address is bounded.
            int keep = Math.min(times.length, maxFailures - 1);
            long[] next = new long[keep + 1];
            System.arraycopy(times, times.length - keep, next, 0, keep);
            next[keep] = now;
            return new Failures(next);
        });
        if (recorded.incrementAndGet() % PURGE_EVERY == 0) {
            failures.values().removeIf(f -> now - f.times()[f.times().length - 1] >= windowNanos);
        }
    }

    int trackedAddresses() {
        return failures.size();
    }
}
