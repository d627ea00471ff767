package io.classcord.settings;

import java.util.Arrays;
import java.util.List;

/**
 * A configuration value that cannot be used: its key, the value as written, and what is expected, as
 * a key of the launcher's texts (e.g. {@code expected.int}) with its arguments, so that the operator
 * reads it in one line in the configured language.
 */
public final class InvalidSetting extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;
    private final String expected;
    private final transient List<Object> arguments;

    /**
     * @param key       the key as written in the configuration, e.g. {@code classcord.chat.port}; a settings
     *                  record checking its own fields gives it relative to its section ({@code port})
     * @param value     the value as written
     * @param expected  what is expected, as a text key
     * @param arguments the text's arguments (bounds, other values)
     */
    public InvalidSetting(String key, Object value, String expected, Object... arguments) {
        super(key + " = \"" + value + "\": " + expected + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.key = key;
        this.value = String.valueOf(value);
        this.expected = expected;
        this.arguments = List.of(arguments);
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public String expected() {
        return expected;
    }

    public List<Object> arguments() {
        return arguments;
    }

    /** The same mistake with its key under {@code section} (a record's field named by its configuration path). */
    InvalidSetting under(String section) {
        return section.isEmpty() ? this
                : new InvalidSetting(section + "." + key, value, expected, arguments.toArray());
    }
}
