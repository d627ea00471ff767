package io.classcord.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The configuration, highest priority first: {@code CLASSCORD_*} environment variables, the file
 * given with {@code --config}, then the {@code application.yaml} built into the application.
 */
final class ConfigLoader {

    private ConfigLoader() {
    }

    static Config load(Path configFile) {
        if (configFile != null && !Files.isReadable(configFile)) {
            throw new IllegalArgumentException("configuration file not readable: " + configFile.toAbsolutePath());
        }
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.environmentVariables());
        if (configFile != null) {
            builder.addSource(ConfigSources.file(configFile));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    /**
     * The {@code CLASSCORD_*} environment variable that sets {@code key} or a key inside it, read as Helidon reads
     * it: {@code _dash_} is a dash, {@code _} a dot, in any case ({@code CLASSCORD_CHAT_MAX_dash_LINE_dash_BYTES}).
     */
    static Optional<String> environmentVariable(String key) {
        return System.getenv().keySet().stream()
                .filter(name -> name.regionMatches(true, 0, "CLASSCORD_", 0, "CLASSCORD_".length()))
                .filter(name -> {
                    String mapped = name.replace("_dash_", "-").replace("_DASH_", "-").replace('_', '.')
                            .toLowerCase(Locale.ROOT);
                    return mapped.equals(key) || mapped.startsWith(key + ".");
                })
                .sorted().findFirst();
    }
}
