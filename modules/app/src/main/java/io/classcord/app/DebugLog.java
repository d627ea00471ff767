package io.classcord.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import io.classcord.settings.SettingsNode;
import io.helidon.config.Config;

/**
 * The stack trace of a launcher error, for whoever investigates: appended to debug.log in the log
 * directory when that directory exists (a mistaken command never creates one), never on the console.
 */
final class DebugLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private DebugLog() {
    }

    static void append(Config config, Throwable error) {
        try {
            Path dir = Settings.DEFAULT_LOG_DIR;
            if (config != null) {
                try {
                    dir = Settings.logDir(SettingsNode.root(config).section("classcord"));
                } catch (RuntimeException e) {
                    // The mistake may be this very key: keep the default.
                }
            }
            if (!Files.isDirectory(dir)) {
                return;
            }
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            Files.writeString(dir.resolve("debug.log"),
                    TIME.format(LocalDateTime.now()) + " - SEVERE - [LAUNCHER] " + error + System.lineSeparator() + trace,
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            // Best effort: the console already has the short message.
        }
    }
}
