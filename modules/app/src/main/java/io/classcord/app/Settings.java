package io.classcord.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.classcord.admin.AdminSettings;
import io.classcord.admin.CsvDialect;
import io.classcord.engine.ChannelSpec;
import io.classcord.engine.EngineSettings;
import io.classcord.storage.StoreSettings;
import io.helidon.config.Config;

/**
 * Reads the {@code classcord} configuration tree into the settings of each module. Keys and their
 * defaults are documented in {@code application.yaml}; a missing key keeps the engine's default.
 */
record Settings(EngineSettings engine, StoreSettings store, Path logDir, boolean logToConsole, AdminSettings admin,
                String adminUrl) {

    static Settings from(Config root) {
        Config classcord = root.get("classcord");
        AdminSettings admin = admin(classcord.get("admin"));
        return new Settings(engine(classcord.get("chat")), store(classcord.get("storage")),
                Path.of(classcord.get("logging.dir").asString().orElse("logs")),
                classcord.get("logging.console").asBoolean().orElse(true), admin,
                classcord.get("admin.url").asString().filter(url -> !url.isBlank()).orElse(localUrl(admin)));
    }

    private static AdminSettings admin(Config admin) {
        AdminSettings defaults = AdminSettings.defaults();
        return new AdminSettings(
                admin.get("enabled").asBoolean().orElse(defaults.enabled()),
                admin.get("host").asString().orElse(defaults.host()),
                admin.get("port").asInt().orElse(defaults.port()),
                Path.of(admin.get("token-file").asString().orElse(defaults.tokenFile().toString())),
                Path.of(admin.get("export-dir").asString().orElse(defaults.exportDir().toString())),
                admin.get("page-size").asInt().orElse(defaults.defaultPageSize()),
                admin.get("csv-dialect").asString().map(CsvDialect::of).orElse(defaults.csvDialect()));
    }

    /** Where the console finds the admin API when no URL is configured: this machine, on the configured port. */
    private static String localUrl(AdminSettings admin) {
        String host = admin.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + admin.port();
    }

    private static EngineSettings engine(Config chat) {
        EngineSettings.Builder builder = EngineSettings.builder();
        chat.get("host").asString().ifPresent(builder::host);
        chat.get("port").asInt().ifPresent(builder::port);
        chat.get("max-line-bytes").asInt().ifPresent(builder::maxLineBytes);
        chat.get("outbound-queue-bytes").asInt().ifPresent(builder::outboundQueueBytes);
        chat.get("outbound-total-bytes").asLong().ifPresent(builder::outboundTotalBytes);
        chat.get("history-page-bytes").asInt().ifPresent(builder::historyPageBytes);
        chat.get("registrations-per-ip-per-minute").asInt().ifPresent(builder::registrationsPerIp);
        chat.get("registrations-per-minute").asInt().ifPresent(builder::registrationsTotal);
        chat.get("channel-creations-per-ip-per-minute").asInt().ifPresent(builder::channelCreationsPerIp);
        chat.get("channel-creations-per-minute").asInt().ifPresent(builder::channelCreationsTotal);
        chat.get("messages-per-second").asDouble().ifPresent(builder::messagesPerSecond);
        chat.get("message-burst").asInt().ifPresent(builder::messageBurst);
        chat.get("max-connections-per-ip").asInt().ifPresent(builder::maxConnectionsPerIp);
        chat.get("max-anonymous-per-ip").asInt().ifPresent(builder::maxAnonymousPerIp);
        chat.get("guests-allowed").asBoolean().ifPresent(builder::guestsAllowed);
        chat.get("user-channels-allowed").asBoolean().ifPresent(builder::userChannelsAllowed);
        chat.get("max-channels").asInt().ifPresent(builder::maxChannels);
        chat.get("history-default-limit").asInt().ifPresent(builder::historyDefaultLimit);
        chat.get("history-max-limit").asInt().ifPresent(builder::historyMaxLimit);
        chat.get("welcome-message").asString().ifPresent(builder::welcomeMessage);
        chat.get("shutdown-message").asString().ifPresent(builder::shutdownMessage);
        chat.get("shutdown-grace-seconds").asInt().ifPresent(seconds -> builder.shutdownGrace(Duration.ofSeconds(seconds)));
        chat.get("log-messages").asBoolean().ifPresent(builder::logMessages);
        chat.get("partial-line-seconds").asInt().ifPresent(seconds -> builder.partialLineTimeout(Duration.ofSeconds(seconds)));
        chat.get("login-max-failures").asInt().ifPresent(builder::loginMaxFailures);
        chat.get("login-failure-window-seconds").asInt()
                .ifPresent(seconds -> builder.loginFailureWindow(Duration.ofSeconds(seconds)));
        chat.root().get("classcord.locale").asString().map(java.util.Locale::forLanguageTag).ifPresent(builder::locale);
        chat.get("reserved-names").asList(String.class).ifPresent(names -> builder.reservedNames(Set.copyOf(names)));
        Config channels = chat.get("channels");
        if (channels.exists()) {
            List<ChannelSpec> specs = channels.asNodeList().orElse(List.of()).stream()
                    .map(node -> new ChannelSpec(node.get("name").asString().get(),
                            node.get("admin-only").asBoolean().orElse(false)))
                    .toList();
            builder.channels(specs);
        }
        return builder.build();
    }

    private static StoreSettings store(Config storage) {
        StoreSettings defaults = StoreSettings.defaults(Path.of("data/classcord.db"));
        String synchronous = storage.get("synchronous").asString().orElse(defaults.synchronous()).toUpperCase(java.util.Locale.ROOT);
        if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new IllegalArgumentException("classcord.storage.synchronous must be FULL or NORMAL, not " + synchronous);
        }
        return new StoreSettings(
                Path.of(storage.get("path").asString().orElse(defaults.file().toString())),
                synchronous,
                storage.get("max-batch").asInt().orElse(defaults.maxBatch()),
                storage.get("argon2.memory-kib").asInt().orElse(defaults.argon2MemoryKiB()),
                storage.get("argon2.iterations").asInt().orElse(defaults.argon2Iterations()),
                storage.get("argon2.parallelism").asInt().orElse(defaults.argon2Parallelism()));
    }
}
