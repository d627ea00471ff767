package io.classcord.deliverybench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the delivery path is expected to sustain on a build machine. A run outside it is reported, not
 * failed: build machines are shared and their speed varies; a regression shows as a run of
 * "outside budget" verdicts in the build logs.
 *
 * @param minDeliveriesPerSecond  deliveries per second at least
 * @param maxCpuSecondsPerMillion server CPU seconds (user + system) per million deliveries at most
 */
public record Budget(double minDeliveriesPerSecond, double maxCpuSecondsPerMillion) {

    /**
     * Below what the image reached on a 2-core build machine shared with its load generator before
     * issue 12's work (184k to 267k deliveries/s cold; 1.2 to 3.5 s of server CPU per million in
     * compare.sh), so that ordinary noise stays inside and a halving does not.
     */
    public static final Budget BUILD = new Budget(150_000, 4.0);

    /** The one-block report: figures, budget, verdict. */
    public String report(String name, DeliveryRun run) {
        List<String> outside = new ArrayList<>();
        if (run.deliveriesPerSecond() < minDeliveriesPerSecond) {
            outside.add("throughput");
        }
        if (run.cpuSecondsPerMillion() < 0) {
            outside.add("CPU not measured");
        } else if (run.cpuSecondsPerMillion() > maxCpuSecondsPerMillion) {
            outside.add("CPU");
        }
        String verdict = outside.isEmpty() ? "within budget" : "OUTSIDE BUDGET (" + String.join(", ", outside) + ")";
        return String.format(Locale.ROOT,
                "%s: %d deliveries, %d lost, %.0f deliveries/s, p99 %.1f ms, server CPU %.2f s per million "
                        + "(budget: >= %.0f/s, <= %.1f s per million): %s",
                name, run.delivered(), run.lost(), run.deliveriesPerSecond(), run.p99Ms(), run.cpuSecondsPerMillion(),
                minDeliveriesPerSecond, maxCpuSecondsPerMillion, verdict);
    }
}
