package io.classcord.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes waiting in every outbound queue together. Each queue has its own cap, but thousands of
 * connections that each stay just under theirs would still fill the heap: this one budget keeps the
 * total near a figure the heap is sized for.
 *
 * <p>Over budget, a line is still taken for a client whose queue holds no more than its fair share
 * (the budget divided among the open queues, at least {@link #MIN_FAIR_SHARE}): a client that keeps
 * up is never the one disconnected because others stopped reading. So the total stays under twice
 * the budget, the second half spread thinly over clients that read.
 */
final class OutboundBudget {

    static final long MIN_FAIR_SHARE = 64 * 1024;

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();
    private final AtomicInteger queues = new AtomicInteger();

    OutboundBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} for a queue that will then hold {@code queuedAfter}; false when it may not. */
    boolean tryTake(long bytes, long queuedAfter) {
        long after = used.addAndGet(bytes);
        if (after <= maxBytes || queuedAfter <= fairShare()) {
            return true;
        }
        used.addAndGet(-bytes);
        return false;
    }

    /** Takes {@code bytes} whatever the budget: the last lines of a connection that is ending. */
    void force(long bytes) {
        used.addAndGet(bytes);
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes counted now, all queues together. */
    long used() {
        return used.get();
    }

    void queueOpened() {
        queues.incrementAndGet();
    }

    void queueClosed() {
        queues.decrementAndGet();
    }

    private long fairShare() {
        return Math.max(MIN_FAIR_SHARE, maxBytes / Math.max(1, queues.get()));
    }
}
