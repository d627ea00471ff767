package io.classcord.deliverybench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * What one {@code classcord-bench} run measured (its {@code --json} file): the correctness counts,
 * and the speed figures the budget is about. CPU per million is negative when the server's process
 * was not read.
 */
public record DeliveryRun(long expected, long delivered, long lost, long duplicates, long misrouted, long echoed,
                          int connectFailures, double deliveriesPerSecond, double p99Ms, double cpuSecondsPerMillion) {

    public static DeliveryRun read(Path json) throws IOException {
        try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8); JsonReader reader = Json.createReader(in)) {
            JsonObject o = reader.readObject();
            return new DeliveryRun(o.getJsonNumber("expected").longValue(), o.getJsonNumber("delivered").longValue(),
                    o.getJsonNumber("lost").longValue(), o.getJsonNumber("duplicates").longValue(),
                    o.getJsonNumber("misrouted").longValue(), o.getJsonNumber("echoed").longValue(),
                    o.getInt("connectFailures"), o.getJsonNumber("deliveriesPerSecond").doubleValue(),
                    o.getJsonNumber("p99Ms").doubleValue(), o.getJsonNumber("cpuSecondsPerMillion").doubleValue());
        }
    }

    /** What went wrong with the messages themselves, whatever the speed; empty when every message arrived once, where it should. */
    public List<String> faults() {
        List<String> faults = new ArrayList<>();
        if (expected <= 0) {
            faults.add("no deliveries expected: the workload sent nothing");
        }
        if (connectFailures > 0) {
            faults.add(connectFailures + " connections failed");
        }
        if (lost > 0) {
            faults.add(lost + " of " + expected + " deliveries lost");
        }
        if (duplicates > 0) {
            faults.add(duplicates + " deliveries duplicated");
        }
        if (misrouted > 0) {
            faults.add(misrouted + " deliveries to the wrong channel");
        }
        if (echoed > 0) {
            faults.add(echoed + " messages echoed to their sender");
        }
        return faults;
    }
}
