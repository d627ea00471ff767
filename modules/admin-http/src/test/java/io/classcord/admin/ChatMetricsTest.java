package io.classcord.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.helidon.metrics.api.Gauge;
import org.junit.jupiter.api.Test;

class ChatMetricsTest {

    @Test
    void watchingAgainReplacesTheGaugesOfAnEarlierServer() {
        ChatMetrics metrics = ChatMetrics.create();
        metrics.watch(() -> 1, () -> 2);
        metrics.watch(() -> 7, () -> 8);
        assertEquals(7.0, gauge(metrics, "classcord.clients.connected"));
        assertEquals(8.0, gauge(metrics, "classcord.users.logged.in"));
    }

    private static double gauge(ChatMetrics metrics, String name) {
        Gauge<?> gauge = metrics.registry().gauge(name, List.of()).orElseThrow();
        return gauge.value().doubleValue();
    }
}
