package io.classcord.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;

/**
 * The figures of one run. Times in seconds, latencies in milliseconds, memory in MiB; -1 where a
 * figure does not apply (no chat, no server PID).
 */
record Result(String workload, String server, String protocol, int clients, int channels, long expected, long delivered,
              long lost, long duplicates, long misrouted, long echoed, double deliveriesPerSecond, double p50Ms,
              double p99Ms, double p999Ms, double maxMs, double connectSeconds, int connectFailures, int accounts,
              double loginSeconds, double loginsPerSecond, int idle, double serverRssMiB, double serverPeakRssMiB,
              double serverCpuSeconds, double cpuSecondsPerMillion) {

    String summary() {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%s %s/%s clients=%d channels=%d", workload, server, protocol, clients, channels));
        if (expected > 0) {
            line.append(String.format(Locale.ROOT,
                    " deliveries=%d/%d %.0f/s p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms lost=%d dup=%d misrouted=%d echoed=%d",
                    delivered, expected, deliveriesPerSecond, p50Ms, p99Ms, p999Ms, maxMs, lost, duplicates, misrouted, echoed));
        }
        line.append(String.format(Locale.ROOT, " connect=%.2fs failures=%d", connectSeconds, connectFailures));
        if (accounts > 0) {
            line.append(String.format(Locale.ROOT, " accounts=%d login=%.2fs (%.1f logins/s)", accounts, loginSeconds,
                    loginsPerSecond));
        }
        if (idle > 0) {
            line.append(" idle=").append(idle);
        }
        if (serverRssMiB >= 0) {
            line.append(String.format(Locale.ROOT, " server_rss=%.0fMiB peak=%.0fMiB server_cpu=%.2fs", serverRssMiB,
                    serverPeakRssMiB, serverCpuSeconds));
            if (cpuSecondsPerMillion >= 0) {
                line.append(String.format(Locale.ROOT, " cpu_per_million=%.2fs", cpuSecondsPerMillion));
            }
        }
        return line.toString();
    }

    void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createGenerator(out)) {
            json.writeStartObject()
                    .write("workload", workload).write("server", server).write("protocol", protocol)
                    .write("clients", clients).write("channels", channels)
                    .write("expected", expected).write("delivered", delivered).write("lost", lost)
                    .write("duplicates", duplicates).write("misrouted", misrouted).write("echoed", echoed)
                    .write("deliveriesPerSecond", deliveriesPerSecond)
                    .write("p50Ms", p50Ms).write("p99Ms", p99Ms).write("p999Ms", p999Ms).write("maxMs", maxMs)
                    .write("connectSeconds", connectSeconds).write("connectFailures", connectFailures)
                    .write("accounts", accounts).write("loginSeconds", loginSeconds).write("loginsPerSecond", loginsPerSecond)
                    .write("idle", idle)
                    .write("serverRssMiB", serverRssMiB).write("serverPeakRssMiB", serverPeakRssMiB)
                    .write("serverCpuSeconds", serverCpuSeconds).write("cpuSecondsPerMillion", cpuSecondsPerMillion)
                    .writeEnd();
        }
    }
}
