package io.classcord.settings;

import java.util.List;
import java.util.Set;

import io.helidon.config.Config;

/** Finds, in a configuration tree, the keys that are neither a known key, nor inside one, nor on the way to one. */
final class UnknownKeys {

    /** Typing mistakes (letters added, removed, replaced) within which a known key is suggested. */
    private static final int SUGGESTION_DISTANCE = 2;

    private final Set<String> known;

    UnknownKeys(Set<String> known) {
        this.known = known;
    }

    /** Adds to {@code found} the unknown keys under {@code node}: the highest of each branch, in the order written. */
    void find(Config node, String pattern, List<UnknownSetting> found) {
        if (!node.exists() || node.type() == Config.Type.VALUE || known.contains(pattern) || insideKnown(pattern)) {
            // A known key's value is checked by the read that knows its type.
            return;
        }
        for (Config child : node.asNodeList().orElse(List.of())) {
            String childPattern = SettingsNode.join(pattern, isIndex(node, child) ? "*" : child.name());
            if (!leadsToKnown(childPattern) && !known.contains(childPattern) && !insideKnown(childPattern)) {
                found.add(unknown(child, node, pattern, childPattern));
            } else {
                find(child, childPattern, found);
            }
        }
    }

    /** An element of a list: in YAML, or written by index ({@code CLASSCORD_CHAT_CHANNELS_0_NAME}). */
    static boolean isIndex(Config list, Config element) {
        return list.type() == Config.Type.LIST || !element.name().isEmpty() && element.name().chars().allMatch(Character::isDigit);
    }

    private boolean leadsToKnown(String pattern) {
        return known.stream().anyMatch(key -> key.startsWith(pattern + "."));
    }

    /** An element of a known list of values ({@code reserved-names.0}). */
    private boolean insideKnown(String pattern) {
        return known.stream().anyMatch(key -> pattern.startsWith(key + "."));
    }

    private UnknownSetting unknown(Config child, Config section, String sectionPattern, String childPattern) {
        String prefix = sectionPattern + ".";
        List<String> siblings = known.stream().filter(key -> key.startsWith(prefix))
                .map(key -> key.substring(prefix.length()).split("\\.", 2)[0])
                .distinct().sorted().toList();
        String name = childPattern.substring(prefix.length());
        String suggestion = null;
        int best = SUGGESTION_DISTANCE + 1;
        for (String sibling : siblings) {
            int distance = distance(name, sibling);
            if (distance < best) {
                best = distance;
                suggestion = sibling;
            }
        }
        return new UnknownSetting(child.key().toString(), section.key().toString(), siblings, suggestion);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
