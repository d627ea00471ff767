package io.classcord.admin.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.classcord.admin.api.ActivityMinute;

/**
 * Messages per minute and connections open, for the last 24 hours, in a fixed ring of minutes: the
 * dashboard's chart needs no monitoring system and the memory never grows.
 */
public final class ActivityRing {

    public static final int MAX_HOURS = 24;
    private static final int SLOTS = MAX_HOURS * 60;

    // Slot i holds minute minutes[i] (epoch minute); a slot whose minute is older is stale.
    private final long[] minutes = new long[SLOTS];
    private final int[] messages = new int[SLOTS];
    private final int[] connections = new int[SLOTS];
    private int openNow;

    public ActivityRing() {
        java.util.Arrays.fill(minutes, Long.MIN_VALUE);
    }

    public synchronized void messagePosted(Instant time) {
        messages[slot(time)]++;
    }

    public synchronized void connected(Instant time) {
        openNow++;
        connections[slot(time)] = openNow;
    }

    public synchronized void disconnected(Instant time) {
        openNow = Math.max(0, openNow - 1);
        connections[slot(time)] = openNow;
    }

    /** The {@code hours} up to {@code now}'s minute included, oldest first. */
    public synchronized List<ActivityMinute> last(int hours, Instant now) {
        long end = now.getEpochSecond() / 60;
        long start = end - hours * 60L + 1;
        int open = openBefore(start);
        List<ActivityMinute> result = new ArrayList<>(hours * 60);
        for (long minute = start; minute <= end; minute++) {
            int i = (int) Math.floorMod(minute, (long) SLOTS);
            int count = 0;
            if (minutes[i] == minute) {
                count = messages[i];
                open = connections[i];
            }
            result.add(new ActivityMinute(Instant.ofEpochSecond(minute * 60).toString(), count, open));
        }
        return result;
    }

    /** Connections open at the end of the latest recorded minute before {@code start} (0 if none is kept). */
    private int openBefore(long start) {
        long best = Long.MIN_VALUE;
        int open = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (minutes[i] < start && minutes[i] > best) {
                best = minutes[i];
                open = connections[i];
            }
        }
        return open;
    }

    /** The slot of {@code time}'s minute, cleared if it still held a minute a day older. */
    private int slot(Instant time) {
        long minute = time.getEpochSecond() / 60;
        int i = (int) Math.floorMod(minute, (long) SLOTS);
        if (minutes[i] != minute) {
            minutes[i] = minute;
            messages[i] = 0;
            // Until a presence event in this minute, the count carries over.
            connections[i] = openNow;
        }
        return i;
    }
}
