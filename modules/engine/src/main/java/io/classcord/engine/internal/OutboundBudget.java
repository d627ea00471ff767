package io.classcord.engine.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes waiting in every outbound queue together. Each queue has its own cap, but thousands of
 * connections that each stay just under theirs would still fill the heap: this one budget keeps the
 * total under a figure the heap is sized for.
 */
final class OutboundBudget {

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    OutboundBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Takes {@code bytes} from the budget. {@code keepingUp}: the client has read everything sent so
     * far, so it cannot be the one holding memory, and its line is taken even above the budget.
     */
    boolean tryTake(long bytes, boolean keepingUp) {
        long after = used.addAndGet(bytes);
        if (after <= maxBytes || keepingUp) {
            return true;
        }
        used.addAndGet(-bytes);
        return false;
    }

    void give(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }
}
