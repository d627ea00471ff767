package io.classcord.bench;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Accounts for every delivery: latency, and whether it was expected, a duplicate, sent to the wrong
 * channel or echoed back to its sender. Lost messages are what is expected and never arrived.
 */
final class Tracker {

    private final Workload workload;
    private final AtomicIntegerArray deliveries;
    private final int[] expectedPerMessage;
    private final Semaphore[] inFlight;
    /** Per receiver, the messages it has seen by sender; each map is touched only by that receiver's reading thread. */
    private final Map<Integer, BitSet>[] seen;
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    private final LongAdder unique = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder misrouted = new LongAdder();
    private final LongAdder echoed = new LongAdder();
    private final AtomicLong lastDelivery = new AtomicLong();

    @SuppressWarnings("unchecked")
    Tracker(Workload workload) {
        this.workload = workload;
        int clients = workload.clients();
        this.deliveries = new AtomicIntegerArray(Math.max(1, clients * workload.messages()));
        this.expectedPerMessage = new int[clients];
        this.inFlight = new Semaphore[clients];
        this.seen = new Map[clients];
        for (int i = 0; i < clients; i++) {
            expectedPerMessage[i] = (int) workload.membersOf(channelOf(i)) - 1;
            inFlight[i] = new Semaphore(Math.max(1, workload.inFlight()));
            seen[i] = new HashMap<>();
        }
    }

    int channelOf(int client) {
        return client % workload.channels();
    }

    static String channelName(int channel) {
        return "#bench" + channel;
    }

    /** Fast mode: blocks while the sender has {@code inFlight} messages not yet delivered everywhere. */
    boolean acquireSlot(int sender, long timeoutMillis) throws InterruptedException {
        return inFlight[sender].tryAcquire(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Called before sending: a message nobody else will receive is delivered at once. */
    void sent(int sender) {
        if (expectedPerMessage[sender] == 0) {
            inFlight[sender].release();
        }
    }

    void received(int receiver, String channel, String content) {
        long now = System.nanoTime();
        Tag tag = Tag.parse(content);
        if (tag == null || tag.sender() < 0 || tag.sender() >= expectedPerMessage.length || tag.seq() < 0
                || tag.seq() >= workload.messages()) {
            return;
        }
        if (tag.sender() == receiver) {
            echoed.increment();
            return;
        }
        int mine = channelOf(receiver);
        if (tag.channel() != mine || channel == null || !channelName(mine).equals(channel.toLowerCase(Locale.ROOT))) {
            misrouted.increment();
            return;
        }
        BitSet fromSender = seen[receiver].computeIfAbsent(tag.sender(), s -> new BitSet(workload.messages()));
        if (fromSender.get(tag.seq())) {
            duplicates.increment();
            return;
        }
        fromSender.set(tag.seq());
        unique.increment();
        latencyMicros.recordValue(Math.max(0, (now - tag.sentNanos()) / 1000));
        lastDelivery.accumulateAndGet(now, Math::max);
        int index = tag.sender() * workload.messages() + tag.seq();
        if (deliveries.incrementAndGet(index) == expectedPerMessage[tag.sender()]) {
            inFlight[tag.sender()].release();
        }
    }

    long unique() {
        return unique.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long misrouted() {
        return misrouted.sum();
    }

    long echoed() {
        return echoed.sum();
    }

    long lastDeliveryNanos() {
        return lastDelivery.get();
    }

    Histogram latency() {
        return latencyMicros.copy();
    }
}
