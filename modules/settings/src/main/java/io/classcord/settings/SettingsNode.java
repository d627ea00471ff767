package io.classcord.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

/**
 * A section of the configuration as a settings class reads it: typed reads that name the key and the
 * value on a mistake (instead of Helidon's mapping exception), and a record of every key read, shared
 * by the whole tree, so that {@link #rejectUnknownKeys()} can refuse the keys nobody reads. A settings
 * class reads every key it knows, present or not, and states its default where it reads it.
 */
public final class SettingsNode {

    /** Stands for any index of a list in a key pattern ({@code classcord.chat.channels.*.name}). */
    private static final String ANY_INDEX = "*";

    private final Config config;
    private final String pattern;
    private final Set<String> known;

    private SettingsNode(Config config, String pattern, Set<String> known) {
        this.config = config;
        this.pattern = pattern;
        this.known = known;
    }

    /** The whole configuration tree, with no key read yet. */
    public static SettingsNode root(Config root) {
        return new SettingsNode(root, "", new TreeSet<>());
    }

    /** The child section {@code name} (a dotted path is allowed). */
    public SettingsNode section(String name) {
        return new SettingsNode(config.get(name), join(pattern, name), known);
    }

    /** The key of {@code name} in this section, as the operator writes it (list indexes included). */
    public String key(String name) {
        return config.get(name).key().toString();
    }

    public Optional<String> text(String name) {
        return value(name, "expected.text");
    }

    public Optional<Integer> integer(String name) {
        return parsed(name, Integer::valueOf, "expected.int");
    }

    public Optional<Long> longInteger(String name) {
        return parsed(name, Long::valueOf, "expected.int");
    }

    public Optional<Double> number(String name) {
        return parsed(name, Double::valueOf, "expected.number");
    }

    public Optional<Boolean> bool(String name) {
        return value(name, "expected.boolean").map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSetting(key(name), value, "expected.boolean");
        });
    }

    /**
     * A value among a fixed set: {@code choice} gives it for the text as written, or empty if it is not one
     * of them; {@code expected} is the text listing them.
     */
    public <T> Optional<T> choice(String name, Function<String, Optional<T>> choice, String expected) {
        return value(name, expected).map(value -> choice.apply(value.strip())
                .orElseThrow(() -> new InvalidSetting(key(name), value, expected)));
    }

    /** A list of texts, written as a YAML list (or, in an environment variable, separated by commas). */
    public Optional<List<String>> texts(String name) {
        known.add(join(pattern, name));
        Config node = config.get(name);
        try {
            return node.asList(String.class).asOptional();
        } catch (ConfigException e) {
            throw new InvalidSetting(node.key().toString(), node.asString().orElse("..."), "expected.list");
        }
    }

    /** A list of sections, each of which may hold {@code elementKeys} (declared here so that they are known when the list is absent). */
    public Optional<List<SettingsNode>> sections(String name, String... elementKeys) {
        String elements = join(join(pattern, name), ANY_INDEX);
        for (String elementKey : elementKeys) {
            known.add(join(elements, elementKey));
        }
        Config node = config.get(name);
        if (!node.exists()) {
            return Optional.empty();
        }
        List<Config> children = node.asNodeList().orElse(List.of());
        if (node.type() == Config.Type.VALUE || !children.stream().allMatch(child -> UnknownKeys.isIndex(node, child))) {
            throw new InvalidSetting(node.key().toString(), node.asString().orElse("..."), "expected.list");
        }
        return Optional.of(children.stream().map(child -> new SettingsNode(child, elements, known)).toList());
    }

    /**
     * Builds a settings record from what was read: a mistake the record finds in its own fields, named by
     * their key in this section ({@code port}), is reported with the whole key ({@code classcord.chat.port}).
     */
    public <T> T validated(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (InvalidSetting e) {
            throw e.under(config.key().toString());
        }
    }

    /** Every key read so far, as a pattern: a list index is {@code *}. */
    public Set<String> knownKeys() {
        return Set.copyOf(known);
    }

    /**
     * The keys of this section that no read has asked for, once every settings class has read its keys:
     * for each, the key, its section, the keys that section may hold, and the closest one.
     */
    public List<UnknownSetting> unknownKeys() {
        List<UnknownSetting> found = new ArrayList<>();
        new UnknownKeys(known).find(config, pattern, found);
        return List.copyOf(found);
    }

    private Optional<String> value(String name, String expected) {
        known.add(join(pattern, name));
        Config node = config.get(name);
        if (!node.exists()) {
            return Optional.empty();
        }
        if (!node.isLeaf()) {
            throw new InvalidSetting(node.key().toString(), "...", expected);
        }
        return node.asString().asOptional();
    }

    private <T> Optional<T> parsed(String name, Function<String, T> parser, String expected) {
        return value(name, expected).map(value -> {
            try {
                return parser.apply(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidSetting(key(name), value, expected);
            }
        });
    }

    static String join(String section, String name) {
        return section.isEmpty() ? name : section + "." + name;
    }
}
