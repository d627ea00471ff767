package io.classcord.bench;

import java.util.Locale;

/**
 * What one run does.
 *
 * @param name          label in the summary (W1, W2...)
 * @param clients       chatting connections, spread round-robin over the channels
 * @param channels      channels used ({@code #bench0}, {@code #bench1}...)
 * @param messages      messages each client sends
 * @param rate          messages per second per client; 0 for as fast as {@code inFlight} allows
 * @param inFlight      messages per sender sent but not yet delivered to every receiver (fast mode)
 * @param accounts      connections that register, log in with a password and join their channel after the
 *                      guests (W3a); 0 for none
 * @param idle          connections only opened and held (W4): no login, no chat
 */
record Workload(String name, int clients, int channels, int messages, double rate, int inFlight, int accounts, int idle) {

    static Workload preset(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "W1" -> new Workload("W1", 30, 1, 200, 0, 10, 0, 0);
            case "W2" -> new Workload("W2", 500, 10, 20, 1, 0, 0, 0);
            case "W2X" -> new Workload("W2x", 5000, 50, 20, 1, 0, 0, 0);
            // Issue 12's storm: 2000 clients arriving at once and joining 20 rooms, as guests or as accounts.
            case "W3" -> new Workload("W3", 2000, 20, 0, 0, 0, 0, 0);
            case "W3A" -> new Workload("W3a", 0, 20, 0, 0, 0, 2000, 0);
            case "W4" -> new Workload("W4", 0, 1, 0, 0, 0, 0, 10_000);
            default -> throw new IllegalArgumentException("unknown workload " + name + " (W1, W2, W2x, W3, W3a, W4)");
        };
    }

    Workload {
        if (clients < 0 || channels < 1 || messages < 0 || rate < 0 || inFlight < 0 || accounts < 0 || idle < 0) {
            throw new IllegalArgumentException("workload figures must not be negative, channels at least 1");
        }
        if (messages > 0 && rate == 0 && inFlight < 1) {
            throw new IllegalArgumentException("as-fast-as-possible sending needs --in-flight of at least 1");
        }
    }

    long expectedDeliveries() {
        long total = 0;
        for (int c = 0; c < channels; c++) {
            long members = membersOf(c);
            total += members * (members - 1) * messages;
        }
        return total;
    }

    long membersOf(int channel) {
        return clients / channels + (channel < clients % channels ? 1 : 0);
    }
}
