package io.classcord.settings;

import java.util.List;
import java.util.Optional;

/**
 * A configuration key that no module reads, most often a typing mistake ({@code prot: 12405}) that
 * would otherwise leave the default in force without a word.
 *
 * @see SettingsNode#unknownKeys()
 */
public final class UnknownSetting extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String section;
    private final transient List<String> knownKeys;
    private final String suggestion;

    UnknownSetting(String key, String section, List<String> knownKeys, String suggestion) {
        super("unknown key " + key + (suggestion == null ? "" : " (did you mean " + suggestion + "?)")
                + "; known keys of " + section + ": " + String.join(", ", knownKeys));
        this.key = key;
        this.section = section;
        this.knownKeys = List.copyOf(knownKeys);
        this.suggestion = suggestion;
    }

    /** The key as written, e.g. {@code classcord.chat.prot}. */
    public String key() {
        return key;
    }

    /** The section holding it, e.g. {@code classcord.chat}. */
    public String section() {
        return section;
    }

    /** The keys that section may hold, in alphabetical order. */
    public List<String> knownKeys() {
        return knownKeys;
    }

    /** The known key the unknown one is closest to, if it is within two typing mistakes of one. */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
