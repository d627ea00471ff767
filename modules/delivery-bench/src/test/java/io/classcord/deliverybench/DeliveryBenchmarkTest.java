package io.classcord.deliverybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.classcord.testsupport.LaunchedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery path's benchmark: the runtime image's server as shipped (its launcher's JVM options,
 * persistence with {@code synchronous: FULL}, one activity-log line per message) and its
 * {@code classcord-bench} running W1 (30 clients in one channel, 200 messages each, 174,000
 * deliveries) once to warm up and once measured. The figures and the budget verdict are printed; the
 * test fails only if a message is lost, duplicated, misrouted or echoed, never on speed.
 */
class DeliveryBenchmarkTest {

    /** Per classcord-bench run; W1 takes a few seconds even on a loaded machine. */
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void deliversEverythingOnceAndPrintsItsFiguresAgainstTheBudget() throws Exception {
        Path config = dir.resolve("bench.yaml");
        Files.writeString(config, """
                classcord:
                  chat:
                    host: "127.0.0.1"
                    port: 0
                    # W1 is a flood by design, from one address.
                    messages-per-second: 1000000
                    message-burst: 1000000
                    max-connections-per-ip: 0
                    max-anonymous-per-ip: 0
                  storage:
                    path: "%s"
                    synchronous: "FULL"
                  admin:
                    port: 0
                  logging:
                    dir: "%s"
                    console: true
                """.formatted(dir.resolve("data/classcord.db"), dir.resolve("logs")));
        ProcessBuilder server = new ProcessBuilder(LaunchedServer.imageLauncher().toString(), "--config", config.toString())
                .directory(dir.toFile());
        LaunchedServer.scrub(server.environment());
        try (LaunchedServer launched = LaunchedServer.start(server)) {
            bench(launched, "warm-up", null);
            Path json = dir.resolve("w1.json");
            bench(launched, "measured", json);
            DeliveryRun run = DeliveryRun.read(json);
            // The load beside the run tells a busy build machine from a slower delivery path.
            System.out.println(Budget.BUILD.report("delivery benchmark", run) + " [load average "
                    + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores]");
            List<String> faults = run.faults();
            assertTrue(faults.isEmpty(), "W1 against the image: " + String.join(", ", faults));
            assertEquals(run.expected(), run.delivered());
            assertTrue(launched.isAlive(), launched::consoleText);
        }
    }

    /** One W1 run of the image's classcord-bench against {@code server}, bounded by {@link #RUN_LIMIT}. */
    private void bench(LaunchedServer server, String name, Path json) throws IOException, InterruptedException {
        Path output = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(LaunchedServer.image().resolve("bin/classcord-bench").toString(),
                "--port", Integer.toString(server.chatPort()), "--workload", "W1", "--label", "classcord",
                "--server-pid", Long.toString(server.pid()), "--time-limit", Long.toString(RUN_LIMIT.toSeconds() - 10))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        if (json != null) {
            builder.command().addAll(List.of("--json", json.toString()));
        }
        LaunchedServer.scrub(builder.environment());
        Process bench = builder.start();
        try {
            assertTrue(bench.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS), () -> "classcord-bench " + name
                    + " still runs after " + RUN_LIMIT.toSeconds() + " s");
            assertEquals(0, bench.exitValue(), () -> "classcord-bench " + name + ": " + read(output));
        } finally {
            bench.destroyForcibly();
            bench.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
