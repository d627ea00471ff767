package io.classcord.admin.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.classcord.admin.api.AddressCount;
import io.classcord.admin.api.SecurityEvent;
import io.classcord.admin.api.SecurityReport;

/** The latest security events (a fixed number: an attack cannot grow the heap), for {@code GET /api/security}. */
public final class SecurityRing {

    public static final int CAPACITY = 1000;

    private final ArrayDeque<SecurityEvent> events = new ArrayDeque<>(CAPACITY);

    public synchronized void add(SecurityEvent event) {
        if (events.size() == CAPACITY) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** The {@code limit} newest events, newest first, and the counts per address over every kept event that has one. */
    public synchronized SecurityReport report(int limit) {
        List<SecurityEvent> newest = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<SecurityEvent> backwards = events.descendingIterator();
        while (backwards.hasNext() && newest.size() < limit) {
            newest.add(backwards.next());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (SecurityEvent event : events) {
            // A sanction given to an offline account has no address.
            if (event.address() != null) {
                counts.merge(event.address(), 1, Integer::sum);
            }
        }
        List<AddressCount> byAddress = counts.entrySet().stream()
                .map(e -> new AddressCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(AddressCount::count).reversed().thenComparing(AddressCount::address))
                .toList();
        return new SecurityReport(newest, byAddress);
    }
}
