package io.classcord.app;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
