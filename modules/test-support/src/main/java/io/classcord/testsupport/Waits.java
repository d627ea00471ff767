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
            awaitUntil(what, limit, condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for: " + what, e);
        }
    }

    /** Whether {@code condition} came to hold within {@code limit}, for a test that explains the failure itself. */
    public static boolean within(Duration limit, BooleanSupplier condition) {
        try {
            awaitUntil("condition", limit, condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static void awaitUntil(String what, Duration limit, BooleanSupplier condition) {
        // Uncaught exceptions of the test's other threads are the test's business, not the wait's.
        Awaitility.await(what).dontCatchUncaughtExceptions().atMost(limit).pollDelay(Duration.ZERO).pollInterval(POLL)
                .until(condition::getAsBoolean);
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
