package io.classcord.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final int SEGMENT = 16 * 1024;
    private static final int QUEUES = 10;
    private static final int SEGMENTS_EACH = 5; // 80 KiB per queue: over the 64 KiB fair share

    private final OutboundBudget budget = new OutboundBudget(128 * 1024);
    private final CountDownLatch readersWake = new CountDownLatch(1);
    private final AtomicInteger overflows = new AtomicInteger();
    private final List<Outbox> outboxes = new ArrayList<>();
    private final List<ByteArrayOutputStream> received = new ArrayList<>();

    @Test
    void linesSharedByEveryQueueCountOnceInTheServersBudget() throws Exception {
        openQueues();
        List<SharedLines> segments = new ArrayList<>();
        for (int i = 0; i < SEGMENTS_EACH; i++) {
            segments.add(new SharedLines(new byte[SEGMENT], 1));
        }
        for (Outbox outbox : outboxes) {
            for (SharedLines segment : segments) {
                assertTrue(outbox.offer(segment), "a shared segment was refused");
            }
        }
        assertEquals(0, overflows.get());
        drainAll();
        for (ByteArrayOutputStream out : received) {
            assertEquals(SEGMENTS_EACH * SEGMENT, out.size());
        }
        assertBudgetFree();
    }

    @Test
    void privateLinesOfTheSameSizeStillTripTheGuard() throws Exception {
        openQueues();
        for (Outbox outbox : outboxes) {
            for (int i = 0; i < SEGMENTS_EACH; i++) {
                outbox.offer(new byte[SEGMENT], 1);
            }
        }
        assertTrue(overflows.get() > 0, "800 KiB queued against a 128 KiB budget, and no queue refused");
        drainAll();
        assertBudgetFree();
    }

    private void openQueues() {
        for (int i = 0; i < QUEUES; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            received.add(out);
            Outbox outbox = new Outbox(1 << 20, budget, gated(out), "test-writer-" + i,
                    overflows::incrementAndGet, () -> { });
            outbox.start();
            outboxes.add(outbox);
        }
    }

    private void drainAll() throws InterruptedException {
        readersWake.countDown();
        for (Outbox outbox : outboxes) {
            outbox.finish(List.of(), false);
            assertTrue(outbox.awaitWriter(10_000), "a writer did not finish");
        }
    }

    /** Everything queued has been written or dropped: the whole budget is free again. */
    private void assertBudgetFree() {
        Outbox fresh = new Outbox(1 << 20, budget, OutputStream.nullOutputStream(), "test-fresh",
                overflows::incrementAndGet, () -> { });
        int before = overflows.get();
        assertTrue(fresh.offer(new byte[120 * 1024], 1), "the budget was not given back in full");
        assertEquals(before, overflows.get());
    }

    /** A socket whose client reads nothing until {@link #readersWake} opens. */
    private OutputStream gated(OutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    readersWake.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                out.write(b, off, len);
            }
        };
    }
}
