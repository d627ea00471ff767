package io.classcord.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * Runs one workload: connect (and log in), hold idle connections, send, wait for the deliveries,
 * then read the server's figures. Every phase is bounded by {@code deadline}.
 */
final class Runner {

    private final Workload workload;
    private final Driver.Factory factory;
    private final String serverLabel;
    private final long serverPid;
    private final String password;
    private final Duration limit;
    private final String runTag = Long.toString(System.currentTimeMillis() % 1_679_616, 36);
    private final List<Driver> open = Collections.synchronizedList(new ArrayList<>());
    private long deadline;

    Runner(Workload workload, Driver.Factory factory, String serverLabel, long serverPid, String password, Duration limit) {
        this.workload = workload;
        this.factory = factory;
        this.serverLabel = serverLabel;
        this.serverPid = serverPid;
        this.password = password;
        this.limit = limit;
    }

    Result run(java.io.PrintStream log) throws Exception {
        deadline = System.nanoTime() + limit.toNanos();
        ProcStats before = serverPid > 0 ? ProcStats.of(serverPid) : null;
        Tracker tracker = new Tracker(workload);
        try {
            // Chatting clients: guests (Classcord) or registered nicks (IRC), each in its channel.
            AtomicInteger failures = new AtomicInteger();
            long connectStart = System.nanoTime();
            Driver[] clients = new Driver[workload.clients()];
            inParallel(workload.clients(), i -> () -> {
                Driver driver = factory.open("b" + i);
                open.add(driver);
                driver.identify();
                driver.join(Tracker.channelName(tracker.channelOf(i)));
                clients[i] = driver;
                Thread.ofVirtual().start(() -> driver.pump((channel, content) -> tracker.received(i, channel, content)));
            }, failures, log);
            double connectSeconds = seconds(System.nanoTime() - connectStart);

            double loginSeconds = 0;
            if (workload.accounts() > 0) {
                long loginStart = System.nanoTime();
                inParallel(workload.accounts(), i -> () -> {
                    Driver driver = factory.open("a" + runTag + "_" + i);
                    open.add(driver);
                    driver.login(password);
                    driver.join(Tracker.channelName(i % workload.channels()));
                    // Read what the room sends (presence), as a client does, so the server never has to drop us.
                    Thread.ofVirtual().start(() -> driver.pump((channel, content) -> { }));
                }, failures, log);
                loginSeconds = seconds(System.nanoTime() - loginStart);
            }

            if (workload.idle() > 0) {
                long idleStart = System.nanoTime();
                boolean irc = factory.protocol().equals("irc");
                inParallel(workload.idle(), i -> () -> {
                    Driver driver = factory.open("i" + i);
                    open.add(driver);
                    if (irc) {
                        driver.identify();
                    }
                    driver.roundTrip();
                    Thread.ofVirtual().start(() -> driver.pump((channel, content) -> { }));
                }, failures, log);
                connectSeconds = seconds(System.nanoTime() - idleStart);
            }

            long sendStart = System.nanoTime();
            if (workload.messages() > 0) {
                send(clients, tracker);
                awaitDeliveries(tracker);
            }
            ProcStats after = serverPid > 0 ? ProcStats.of(serverPid) : null;
            return result(tracker, sendStart, connectSeconds, failures.get(), loginSeconds, before, after);
        } finally {
            synchronized (open) {
                open.forEach(Driver::close);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code count} steps at once on virtual threads (a storm), waiting for all within the deadline. */
    private void inParallel(int count, IntFunction<Step> step, AtomicInteger failures, java.io.PrintStream log)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>(count);
        AtomicInteger reported = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            Step body = step.apply(i);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    body.run();
                } catch (Exception e) {
                    failures.incrementAndGet();
                    if (reported.incrementAndGet() <= 5) {
                        log.println("bench: " + e);
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                throw new IllegalStateException("connect phase not finished within the time limit");
            }
        }
    }

    private void send(Driver[] clients, Tracker tracker) throws InterruptedException {
        List<Thread> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients.length; i++) {
            Driver driver = clients[i];
            if (driver == null) {
                continue;
            }
            int sender = i;
            // Rate mode: each sender starts at a random point of its first period, as people do.
            long offset = workload.rate() > 0 ? (long) (ThreadLocalRandom.current().nextDouble() * 1e9 / workload.rate()) : 0;
            senders.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int seq = 0; seq < workload.messages(); seq++) {
                        if (workload.rate() > 0) {
                            long due = start + offset + (long) (seq * 1e9 / workload.rate());
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(Duration.ofNanos(wait));
                            }
                        } else if (!tracker.acquireSlot(sender, remainingMillis())) {
                            return;
                        }
                        int channel = tracker.channelOf(sender);
                        tracker.sent(sender);
                        driver.send(Tracker.channelName(channel), new Tag(sender, seq, channel, System.nanoTime()).text());
                        if (System.nanoTime() > deadline) {
                            return;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // The connection broke or the run is over: what was not delivered counts as lost.
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join(Duration.ofMillis(remainingMillis()));
        }
    }

    /** Waits until everything expected has arrived, or nothing has arrived for 10 s, or the deadline. */
    private void awaitDeliveries(Tracker tracker) throws InterruptedException {
        long expected = workload.expectedDeliveries();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        while (tracker.unique() < expected && System.nanoTime() < deadline) {
            long count = tracker.unique();
            if (count != lastCount) {
                lastCount = count;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(10).toNanos()) {
                break;
            }
            Thread.sleep(5);
        }
    }

    private long remainingMillis() {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    private Result result(Tracker tracker, long sendStart, double connectSeconds, int failures, double loginSeconds,
                          ProcStats before, ProcStats after) {
        long expected = workload.expectedDeliveries();
        long delivered = tracker.unique();
        Histogram latency = tracker.latency();
        double sendSeconds = tracker.lastDeliveryNanos() > sendStart ? seconds(tracker.lastDeliveryNanos() - sendStart) : 0;
        double cpu = after == null ? -1 : after.cpuSeconds() - before.cpuSeconds();
        return new Result(workload.name(), serverLabel, factory.protocol(), workload.clients(), workload.channels(), expected,
                delivered, expected - delivered, tracker.duplicates(), tracker.misrouted(), tracker.echoed(),
                sendSeconds > 0 ? delivered / sendSeconds : 0,
                ms(latency, 50), ms(latency, 99), ms(latency, 99.9), latency.getMaxValue() / 1000.0,
                connectSeconds, failures, workload.accounts(), loginSeconds,
                loginSeconds > 0 ? workload.accounts() / loginSeconds : 0, workload.idle(),
                after == null ? -1 : after.rssKiB() / 1024.0, after == null ? -1 : after.peakRssKiB() / 1024.0, cpu,
                after == null || delivered == 0 ? -1 : cpu / (delivered / 1e6));
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
