package io.classcord.admin.dashboard;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser's event stream: a buffer bounded in bytes that the chat's threads fill without ever
 * waiting, and that the subscriber's own thread empties onto the socket. A browser that does not
 * keep up is dropped (its EventSource reconnects) rather than slowing the chat.
 */
public final class EventSubscriber {

    static final int MAX_BUFFERED_BYTES = 256 * 1024;
    private static final byte[] WAKE = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile boolean dropped;

    /** Queues an encoded event; false (and the subscriber dropped) when its buffer is full. */
    boolean offer(byte[] event) {
        if (dropped) {
            return false;
        }
        if (buffered.addAndGet(event.length) > MAX_BUFFERED_BYTES) {
            dropped = true;
            queue.offer(WAKE);
            return false;
        }
        queue.offer(event);
        return true;
    }

    /** The next encoded event, or null when none came within {@code wait} or the subscriber was dropped. */
    public byte[] next(Duration wait) throws InterruptedException {
        byte[] event = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null || event == WAKE) {
            return null;
        }
        buffered.addAndGet(-event.length);
        return event;
    }

    public boolean isDropped() {
        return dropped;
    }

    /** Ends the stream from outside (sign-out, server stopping). */
    public void drop() {
        dropped = true;
        queue.offer(WAKE);
    }
}
