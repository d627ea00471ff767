package io.classcord.protocol;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Message timestamps as the original server wrote them: ISO-8601 local time with a {@code T} and microseconds. */
public final class WireTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private WireTime() {
    }

    /** e.g. {@code 2025-06-20T17:12:40.123456}. */
    public static String now(Clock clock) {
        return FORMAT.format(LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS));
    }
}
