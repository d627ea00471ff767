package io.classcord.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a condition with a deadline, never for a fixed time. */
public final class Waits {

    /** How often a condition is checked: short, as most conditions hold within milliseconds. */
    private static final Duration POLL = Duration.ofMillis(10);

    private Waits() {
    }

    /** Returns as soon as {@code condition} holds; fails (AssertionError) after {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) {
        try {
            Awaitility.await(what).dontCatchUncaughtExceptions().atMost(limit).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for: " + what, e);
        }
    }

    /**
     * A short pause, for the few places that pace themselves on purpose (a sender that lets a slow
     * reader fall behind, a sampler), never to wait for an outcome.
     */
    public static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
