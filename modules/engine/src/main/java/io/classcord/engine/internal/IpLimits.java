package io.classcord.engine.internal;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/** Counts connections per client address, all of them and those not logged in. */
final class IpLimits {

    private record Counts(int open, int anonymous) {
    }

    private final ConcurrentHashMap<InetAddress, Counts> counts = new ConcurrentHashMap<>();
    private final int maxOpen;
    private final int maxAnonymous;

    IpLimits(int maxOpen, int maxAnonymous) {
        this.maxOpen = maxOpen;
        this.maxAnonymous = maxAnonymous;
    }

    /** Counts a new anonymous connection, or refuses it (returns false) when a limit is reached. */
    boolean tryOpen(InetAddress address) {
        boolean[] admitted = {false};
        counts.compute(address, (key, current) -> {
            Counts now = current == null ? new Counts(0, 0) : current;
            if ((maxOpen > 0 && now.open() >= maxOpen) || (maxAnonymous > 0 && now.anonymous() >= maxAnonymous)) {
                return current;
            }
            admitted[0] = true;
            return new Counts(now.open() + 1, now.anonymous() + 1);
        });
        return admitted[0];
    }

    void loggedIn(InetAddress address) {
        counts.computeIfPresent(address, (key, now) -> new Counts(now.open(), now.anonymous() - 1));
    }

    void closed(InetAddress address, boolean anonymous) {
        counts.computeIfPresent(address, (key, now) -> {
            Counts next = new Counts(now.open() - 1, now.anonymous() - (anonymous ? 1 : 0));
            return next.open() <= 0 ? null : next;
        });
    }
}
