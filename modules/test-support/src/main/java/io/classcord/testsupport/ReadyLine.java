package io.classcord.testsupport;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console line by which the server says it serves: {@code Classcord ready: chat on port N, admin
 * API on http://HOST:PORT, database ..., logs in ...} (or {@code admin API disabled} / {@code admin API
 * NOT started (see above)}). It is a documented interface (docs/DEPLOIEMENT.md, printed from
 * {@code ServerLauncher.READY_LINE}); this is the only Java code that parses it.
 *
 * @param chatPort the port the chat listens on
 * @param adminUrl the admin API's base URL, when it runs
 */
public record ReadyLine(int chatPort, Optional<String> adminUrl) {

    /** How the line starts (after the log prefix), up to the chat port; the same text as the app's {@code READY_LINE}. */
    public static final String PREFIX = "Classcord ready: chat on port ";
    private static final Pattern PATTERN = Pattern.compile(
            Pattern.quote(PREFIX) + "(\\d+), (?:admin API on (http://[^,\\s]+),)?");

    /** The ready line in {@code line}, if it is one. */
    public static Optional<ReadyLine> parse(String line) {
        Matcher ready = PATTERN.matcher(line);
        if (!ready.find()) {
            return Optional.empty();
        }
        return Optional.of(new ReadyLine(Integer.parseInt(ready.group(1)), Optional.ofNullable(ready.group(2))));
    }

    /** A regular expression matching a whole log line that says the chat is ready on {@code port}. */
    public static String regexForPort(int port) {
        return ".*" + Pattern.quote(PREFIX + port) + "\\b.*";
    }
}
