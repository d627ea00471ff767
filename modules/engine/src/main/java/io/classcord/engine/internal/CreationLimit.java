package io.classcord.engine.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * How many things (accounts, channels) may be created per minute: per client address, generous
 * because a classroom shares one NAT address, and for the whole server, so that many addresses
 * together cannot fill the database or the channel list either. Each is a token bucket whose burst
 * is one minute's worth.
 */
final class CreationLimit {

    private static final long MINUTE_NANOS = 60_000_000_000L;
    // Buckets of addresses that have stopped creating are forgotten once this many are held.
    private static final int PURGE_ABOVE = 4096;

    private final int perAddress;
    private final LongSupplier nanos;
    private final Bucket total;
    private final Map<InetAddress, Bucket> byAddress = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    CreationLimit(int perAddressPerMinute, int totalPerMinute, LongSupplier nanos) {
        this.perAddress = perAddressPerMinute;
        this.nanos = nanos;
        this.total = new Bucket(totalPerMinute, nanos.getAsLong());
    }

    /** Takes one creation for {@code address}; false when its share or the server's is used up. */
    boolean tryTake(InetAddress address) {
        lock.lock();
        try {
            long now = nanos.getAsLong();
            if (byAddress.size() > PURGE_ABOVE) {
                byAddress.values().removeIf(bucket -> bucket.isFull(now));
            }
            Bucket own = byAddress.computeIfAbsent(address, a -> new Bucket(perAddress, now));
            if (!own.hasOne(now) || !total.hasOne(now)) {
                return false;
            }
            own.take();
            total.take();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.perNano = perMinute / (double) MINUTE_NANOS;
            this.tokens = perMinute;
            this.last = now;
        }

        boolean hasOne(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            return tokens >= 1;
        }

        void take() {
            tokens -= 1;
        }

        boolean isFull(long now) {
            return tokens + (now - last) * perNano >= capacity;
        }
    }
}
