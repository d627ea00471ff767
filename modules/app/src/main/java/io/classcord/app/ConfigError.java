package io.classcord.app;

/**
 * A configuration value the launcher cannot use: its key, the value as written, and what is expected
 * (a key of the launcher's texts, e.g. {@code expected.int}). Reported in one line, exit code 2.
 */
final class ConfigError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    final String key;
    final String value;
    final String expected;

    ConfigError(String key, String value, String expected) {
        super(key + " = \"" + value + "\": expected " + expected);
        this.key = key;
        this.value = value;
        this.expected = expected;
    }
}
