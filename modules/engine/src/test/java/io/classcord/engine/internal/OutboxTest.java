package io.classcord.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class OutboxTest {

    private static final int SEGMENT = 16 * 1024;
    private static final int QUEUES = 10;
    private static final int SEGMENTS_EACH = 5; // 80 KiB per queue: over the 64 KiB fair share
    private static final long WAIT_MILLIS = 10_000;

    private final OutboundBudget budget = new OutboundBudget(128 * 1024);
    private final CountDownLatch readersWake = new CountDownLatch(1);
    private final CountDownLatch writeStarted = new CountDownLatch(1);
    private final AtomicInteger overflows = new AtomicInteger();
    private final List<Outbox> outboxes = new ArrayList<>();
    private final List<ByteArrayOutputStream> received = new ArrayList<>();

    @Test
    void linesSharedByEveryQueueCountOnceInTheServersBudget() throws Exception {
        openGatedQueues();
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
        assertEquals(SEGMENTS_EACH * SEGMENT, budget.used(), "each segment counted once");
        drainAll();
        for (ByteArrayOutputStream out : received) {
            assertEquals(SEGMENTS_EACH * SEGMENT, out.size());
        }
        assertEquals(0, budget.used());
    }

    @Test
    void privateLinesOfTheSameSizeStillTripTheGuard() throws Exception {
        openGatedQueues();
        for (Outbox outbox : outboxes) {
            for (int i = 0; i < SEGMENTS_EACH; i++) {
                outbox.offer(new byte[SEGMENT], 1);
            }
        }
        assertTrue(overflows.get() > 0, "800 KiB queued against a 128 KiB budget, and no queue refused");
        drainAll();
        assertEquals(0, budget.used());
    }

    @Test
    void aWriterStartsAgainForLinesQueuedAfterItWentIdle() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Outbox outbox = open(synchronizedStream(out));
        assertTrue(outbox.offer(bytes("one\n")));
        awaitWritten(out, "one\n");
        assertTrue(outbox.offer(bytes("two\n")));
        awaitWritten(out, "one\ntwo\n");
        outbox.finish(List.of(bytes("bye\n")), false);
        assertTrue(outbox.awaitWriter(WAIT_MILLIS));
        assertEquals("one\ntwo\nbye\n", text(out));
        assertEquals(0, budget.used());
    }

    @Test
    void finishingDropsWhatIsQueuedButWritesTheLastLines() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Outbox outbox = open(gated(out));
        assertTrue(outbox.offer(bytes("being written\n")));
        assertTrue(writeStarted.await(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        assertTrue(outbox.offer(bytes("dropped 1\n")));
        assertTrue(outbox.offer(new SharedLines(bytes("dropped 2\n"), 1)));
        outbox.finish(List.of(bytes("kicked\n")), true);
        assertFalse(outbox.offer(bytes("too late\n")));
        readersWake.countDown();
        assertTrue(outbox.awaitWriter(WAIT_MILLIS));
        assertEquals("being written\nkicked\n", text(out));
        assertEquals(0, budget.used());
    }

    @Test
    void aFailedSocketGivesEverythingBack() throws Exception {
        Outbox outbox = open(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertTrue(outbox.offer(new SharedLines(new byte[SEGMENT], 1)));
        assertTrue(outbox.awaitWriter(WAIT_MILLIS), "the writer did not end after the socket failed");
        assertFalse(outbox.offer(bytes("after the failure\n")));
        assertEquals(0, budget.used());
    }

    private void openGatedQueues() {
        for (int i = 0; i < QUEUES; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            received.add(out);
            outboxes.add(open(gated(out)));
        }
    }

    private Outbox open(OutputStream socket) {
        Outbox outbox = new Outbox(1 << 20, budget, socket, "test-writer", overflows::incrementAndGet, () -> { });
        outbox.start();
        return outbox;
    }

    private void drainAll() throws InterruptedException {
        readersWake.countDown();
        for (Outbox outbox : outboxes) {
            outbox.finish(List.of(), false);
            assertTrue(outbox.awaitWriter(WAIT_MILLIS), "a writer did not finish");
        }
    }

    private static void awaitWritten(ByteArrayOutputStream out, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!text(out).equals(expected)) {
            assertTrue(System.nanoTime() < deadline, "still not written: " + expected + ", got " + text(out));
            Thread.sleep(5);
        }
    }

    private static String text(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static OutputStream synchronizedStream(ByteArrayOutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (out) {
                    out.write(b, off, len);
                }
            }
        };
    }

    /** A socket whose client reads nothing until {@link #readersWake} opens. */
    private OutputStream gated(ByteArrayOutputStream out) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writeStarted.countDown();
                try {
                    readersWake.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                synchronized (out) {
                    out.write(b, off, len);
                }
            }
        };
    }
}
