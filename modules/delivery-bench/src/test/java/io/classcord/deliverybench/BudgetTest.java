package io.classcord.deliverybench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict printed by the build and the faults that fail it, from classcord-bench's JSON. */
class BudgetTest {

    @TempDir
    Path dir;

    @Test
    void readsClasscordBenchJsonAndSaysWhetherTheRunIsWithinBudget() throws Exception {
        Path json = dir.resolve("w1.json");
        Files.writeString(json, """
                {"workload": "W1", "server": "classcord", "expected": 174000, "delivered": 174000, "lost": 0,
                 "duplicates": 0, "misrouted": 0, "echoed": 0, "connectFailures": 0, "deliveriesPerSecond": 312000.4,
                 "p99Ms": 31.2, "cpuSecondsPerMillion": 1.4}
                """);
        DeliveryRun run = DeliveryRun.read(json);
        assertEquals(List.of(), run.faults());
        assertEquals("delivery benchmark: 174000 deliveries, 0 lost, 312000 deliveries/s, p99 31.2 ms, server CPU 1.40 s "
                + "per million (budget: >= 70000/s, <= 12.0 s per million): within budget",
                Budget.BUILD.report("delivery benchmark", run));
    }

    @Test
    void slownessIsReportedButOnlyMisdeliveryIsAFault() {
        DeliveryRun slow = new DeliveryRun(174_000, 174_000, 0, 0, 0, 0, 0, 40_000, 900, 15);
        assertTrue(Budget.BUILD.report("b", slow).endsWith("OUTSIDE BUDGET (throughput, CPU)"));
        assertEquals(List.of(), slow.faults());
        DeliveryRun wrong = new DeliveryRun(174_000, 173_990, 10, 2, 1, 3, 1, 300_000, 30, 1);
        assertEquals(List.of("1 connections failed", "10 of 174000 deliveries lost", "2 deliveries duplicated",
                "1 deliveries to the wrong channel", "3 messages echoed to their sender"), wrong.faults());
    }
}
