package io.classcord.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encoded lines that many outbound queues hold at once (a segment of presence lines sent to everyone):
 * one array on the heap, however many queues hold it. Each queue still counts its bytes against its own
 * cap, but the server's {@link OutboundBudget}, which exists to bound the heap, counts them once, from
 * the first queue that takes them until the last one has written them.
 *
 * <p>Counted per queue, the presence lines of 5000 clients arriving together looked like 250 MB
 * waiting, and cut off clients that were reading, for an array of a few hundred kilobytes.
 */
final class SharedLines {

    private final byte[] bytes;
    private final int lines;
    private final AtomicInteger holders = new AtomicInteger();

    SharedLines(byte[] bytes, int lines) {
        this.bytes = bytes;
        this.lines = lines;
    }

    byte[] bytes() {
        return bytes;
    }

    int lines() {
        return lines;
    }

    /**
     * Becomes held by a queue that will then hold {@code queuedAfter} bytes. The first holder takes the
     * bytes from {@code budget}, and the lines are refused if it may not; later holders join for free.
     */
    boolean hold(OutboundBudget budget, long queuedAfter) {
        while (true) {
            int held = holders.get();
            if (held > 0) {
                if (holders.compareAndSet(held, held + 1)) {
                    return true;
                }
                continue;
            }
            if (!budget.tryTake(bytes.length, queuedAfter)) {
                return false;
            }
            if (holders.compareAndSet(0, 1)) {
                return true;
            }
            // Another queue became the first holder meanwhile and paid: join it instead.
            budget.give(bytes.length);
        }
    }

    /** One queue is done with the lines; the last one gives their bytes back to {@code budget}. */
    void release(OutboundBudget budget) {
        if (holders.decrementAndGet() == 0) {
            budget.give(bytes.length);
        }
    }
}
