package io.classcord.admin;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.classcord.engine.EngineListener;
import io.classcord.protocol.ErrorCode;
import io.classcord.storage.CommitListener;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.DistributionSummary;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.MetricsFactory;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * The server's meters, fed by the engine ({@link EngineListener}) and the message writer
 * ({@link CommitListener}), published at {@code /observe/metrics} with the JVM's own meters.
 *
 * <p>Meters live in Helidon's global registry, where the JVM meters are; names start with
 * {@code classcord_} in the Prometheus output.
 */
public final class ChatMetrics implements EngineListener, CommitListener {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> received = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> delivered = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ErrorCode, Counter> rejected = new ConcurrentHashMap<>();
    private final Timer deliveryLatency;
    private final Counter failedLogins;
    private final Counter outboundDrops;
    private final DistributionSummary batchSize;
    private final Timer commitTime;
    private final Counter failedCommits;

    private ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deliveryLatency = registry.getOrCreate(Timer.builder("classcord.delivery.latency")
                .description("From reading a chat message to queueing it for its last recipient, database commit included")
                .buckets(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        this.failedLogins = registry.getOrCreate(Counter.builder("classcord.logins.failed")
                .description("Logins refused for an unknown name or a wrong password"));
        this.outboundDrops = registry.getOrCreate(Counter.builder("classcord.outbound.dropped")
                .description("Lines not queued because the client's outbound queue was full (it is then disconnected)"));
        this.batchSize = registry.getOrCreate(DistributionSummary.builder("classcord.db.batch.size",
                        MetricsFactory.getInstance().distributionStatisticsConfigBuilder()
                                .buckets(1, 2, 4, 8, 16, 32, 64, 128, 256, 512))
                .description("Messages written per database transaction (group commit)"));
        this.commitTime = registry.getOrCreate(Timer.builder("classcord.db.commit.time")
                .description("Time to insert and commit one batch of messages")
                .buckets(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1)));
        this.failedCommits = registry.getOrCreate(Counter.builder("classcord.db.commits.failed")
                .description("Batches whose transaction failed; their messages were refused to the senders"));
    }

    /** Meters in Helidon's global registry. */
    public static ChatMetrics create() {
        return new ChatMetrics(Metrics.globalRegistry());
    }

    /**
     * Publishes the gauges that read the live server: open connections and logged-in accounts. Called
     * once the server runs; a later call (a restarted server in the same JVM) replaces them.
     */
    public void watch(Supplier<Integer> connections, Supplier<Integer> loggedInUsers) {
        gauge("classcord.clients.connected", "Open chat connections, logged in or not", connections);
        gauge("classcord.users.logged.in", "Distinct accounts logged in", loggedInUsers);
    }

    private void gauge(String name, String description, Supplier<Integer> value) {
        registry.remove(name, java.util.List.of());
        registry.getOrCreate(Gauge.builder(name, value).description(description));
    }

    MeterRegistry registry() {
        return registry;
    }

    @Override
    public void messageReceived(String channel) {
        received.computeIfAbsent(channel, c -> registry.getOrCreate(Counter.builder("classcord.messages.received")
                .description("Chat messages accepted and stored, by channel ('private' for private messages)")
                .addTag(Tag.create("channel", c)))).increment();
    }

    @Override
    public void messageDelivered(String channel, int recipients, Duration latency) {
        delivered.computeIfAbsent(channel, c -> registry.getOrCreate(Counter.builder("classcord.messages.delivered")
                .description("Chat message copies queued for recipients, by channel")
                .addTag(Tag.create("channel", c)))).increment(recipients);
        deliveryLatency.record(latency);
    }

    @Override
    public void loginFailed() {
        failedLogins.increment();
    }

    @Override
    public void lineRejected(ErrorCode code) {
        rejected.computeIfAbsent(code, c -> registry.getOrCreate(Counter.builder("classcord.lines.rejected")
                .description("Client lines answered with an error, by error code")
                .addTag(Tag.create("code", c.wireName())))).increment();
    }

    @Override
    public void outboundDropped() {
        outboundDrops.increment();
    }

    @Override
    public void committed(int messages, Duration elapsed) {
        batchSize.record(messages);
        commitTime.record(elapsed);
    }

    @Override
    public void failed(int messages, Throwable cause) {
        failedCommits.increment();
    }
}
