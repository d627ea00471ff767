package io.classcord.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
                String adminUrl, Locale locale) {

    /** @throws ConfigError naming the key, the value and what is expected, for a value of the wrong kind */
    static Settings from(Config root) {
        Config classcord = root.get("classcord");
        AdminSettings admin = admin(classcord.get("admin"));
        return new Settings(engine(classcord.get("chat")), store(classcord.get("storage")),
                Path.of(text(classcord.get("logging.dir")).orElse("logs")),
                bool(classcord.get("logging.console")).orElse(true), admin,
                text(classcord.get("admin.url")).filter(url -> !url.isBlank()).orElse(localUrl(admin)),
                locale(classcord.get("locale")));
    }

    /** {@code classcord.locale}: the language of the texts people read, fr (default) or en. */
    static Locale locale(Config node) {
        String value = text(node).orElse("fr").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "fr", "" -> Locale.FRENCH;
            case "en" -> Locale.ENGLISH;
            default -> throw new ConfigError(node.key().toString(), value, "expected.locale");
        };
    }

    // Typed reads that name the key and the value on a mistake, instead of Helidon's ConfigMappingException.

    static Optional<String> text(Config node) {
        if (!node.exists()) {
            return Optional.empty();
        }
        if (!node.isLeaf()) {
            throw new ConfigError(node.key().toString(), "...", "expected.text");
        }
        return node.asString().asOptional();
    }

    static Optional<Integer> integer(Config node) {
        return text(node).map(value -> parse(node, value, Integer::valueOf, "expected.int"));
    }

    static Optional<Long> longInteger(Config node) {
        return text(node).map(value -> parse(node, value, Long::valueOf, "expected.int"));
    }

    static Optional<Double> number(Config node) {
        return text(node).map(value -> parse(node, value, Double::valueOf, "expected.number"));
    }

    static Optional<Boolean> bool(Config node) {
        return text(node).map(value -> switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigError(node.key().toString(), value, "expected.boolean");
        });
    }

    private static <T> T parse(Config node, String value, Function<String, T> parser, String expected) {
        try {
            return parser.apply(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigError(node.key().toString(), value, expected);
        }
    }

    private static AdminSettings admin(Config admin) {
        AdminSettings defaults = AdminSettings.defaults();
        return new AdminSettings(
                bool(admin.get("enabled")).orElse(defaults.enabled()),
                text(admin.get("host")).orElse(defaults.host()),
                integer(admin.get("port")).orElse(defaults.port()),
                Path.of(text(admin.get("token-file")).orElse(defaults.tokenFile().toString())),
                Path.of(text(admin.get("export-dir")).orElse(defaults.exportDir().toString())),
                integer(admin.get("page-size")).orElse(defaults.defaultPageSize()),
                text(admin.get("csv-dialect")).map(value -> csvDialect(admin.get("csv-dialect"), value))
                        .orElse(defaults.csvDialect()));
    }

    private static CsvDialect csvDialect(Config node, String value) {
        try {
            return CsvDialect.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(node.key().toString(), value, "expected.csv.dialect");
        }
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
        text(chat.get("host")).ifPresent(builder::host);
        integer(chat.get("port")).ifPresent(builder::port);
        integer(chat.get("max-line-bytes")).ifPresent(builder::maxLineBytes);
        integer(chat.get("outbound-queue-bytes")).ifPresent(builder::outboundQueueBytes);
        longInteger(chat.get("outbound-total-bytes")).ifPresent(builder::outboundTotalBytes);
        integer(chat.get("history-page-bytes")).ifPresent(builder::historyPageBytes);
        integer(chat.get("registrations-per-ip-per-minute")).ifPresent(builder::registrationsPerIp);
        integer(chat.get("registrations-per-minute")).ifPresent(builder::registrationsTotal);
        integer(chat.get("channel-creations-per-ip-per-minute")).ifPresent(builder::channelCreationsPerIp);
        integer(chat.get("channel-creations-per-minute")).ifPresent(builder::channelCreationsTotal);
        number(chat.get("messages-per-second")).ifPresent(builder::messagesPerSecond);
        integer(chat.get("message-burst")).ifPresent(builder::messageBurst);
        integer(chat.get("max-connections-per-ip")).ifPresent(builder::maxConnectionsPerIp);
        integer(chat.get("max-anonymous-per-ip")).ifPresent(builder::maxAnonymousPerIp);
        bool(chat.get("guests-allowed")).ifPresent(builder::guestsAllowed);
        bool(chat.get("user-channels-allowed")).ifPresent(builder::userChannelsAllowed);
        integer(chat.get("max-channels")).ifPresent(builder::maxChannels);
        integer(chat.get("history-default-limit")).ifPresent(builder::historyDefaultLimit);
        integer(chat.get("history-max-limit")).ifPresent(builder::historyMaxLimit);
        text(chat.get("welcome-message")).ifPresent(builder::welcomeMessage);
        text(chat.get("shutdown-message")).ifPresent(builder::shutdownMessage);
        integer(chat.get("shutdown-grace-seconds")).ifPresent(seconds -> builder.shutdownGrace(Duration.ofSeconds(seconds)));
        bool(chat.get("log-messages")).ifPresent(builder::logMessages);
        integer(chat.get("partial-line-seconds")).ifPresent(seconds -> builder.partialLineTimeout(Duration.ofSeconds(seconds)));
        integer(chat.get("login-max-failures")).ifPresent(builder::loginMaxFailures);
        integer(chat.get("login-failure-window-seconds"))
                .ifPresent(seconds -> builder.loginFailureWindow(Duration.ofSeconds(seconds)));
        integer(chat.get("failed-logins-per-connection")).ifPresent(builder::failedLoginsPerConnection);
        builder.locale(locale(chat.root().get("classcord.locale")));
        Config reserved = chat.get("reserved-names");
        try {
            reserved.asList(String.class).ifPresent(names -> builder.reservedNames(Set.copyOf(names)));
        } catch (io.helidon.config.ConfigException e) {
            throw new ConfigError(reserved.key().toString(), reserved.asString().orElse("..."), "expected.list");
        }
        Config channels = chat.get("channels");
        if (channels.exists()) {
            List<ChannelSpec> specs = channels.asNodeList().orElse(List.of()).stream()
                    .map(node -> new ChannelSpec(text(node.get("name"))
                                    .orElseThrow(() -> new ConfigError(node.get("name").key().toString(), "", "expected.text")),
                            bool(node.get("admin-only")).orElse(false)))
                    .toList();
            builder.channels(specs);
        }
        return builder.build();
    }

    private static StoreSettings store(Config storage) {
        StoreSettings defaults = StoreSettings.defaults(Path.of("data/classcord.db"));
        String synchronous = text(storage.get("synchronous")).orElse(defaults.synchronous()).toUpperCase(Locale.ROOT);
        if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new ConfigError(storage.get("synchronous").key().toString(), synchronous, "expected.synchronous");
        }
        return new StoreSettings(
                Path.of(text(storage.get("path")).orElse(defaults.file().toString())),
                synchronous,
                integer(storage.get("max-batch")).orElse(defaults.maxBatch()),
                integer(storage.get("argon2.memory-kib")).orElse(defaults.argon2MemoryKiB()),
                integer(storage.get("argon2.iterations")).orElse(defaults.argon2Iterations()),
                integer(storage.get("argon2.parallelism")).orElse(defaults.argon2Parallelism()));
    }
}
