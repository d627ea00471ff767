package io.classcord.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.classcord.admin.AdminSettings;
import io.classcord.engine.EngineSettings;
import io.classcord.settings.InvalidSetting;
import io.classcord.settings.SettingsNode;
import io.classcord.settings.UnknownSetting;
import io.classcord.storage.StoreSettings;
import io.helidon.config.Config;

/**
 * The settings of each module, each read from its own section of the {@code classcord} tree by the
 * module's settings class, which states its defaults and checks; this record only puts them together
 * and reads the launcher's own keys. Keys are documented in {@code application.yaml}.
 */
record Settings(EngineSettings engine, StoreSettings store, Path logDir, boolean logToConsole, AdminSettings admin,
                String adminUrl, Locale locale, BackupSettings backup) {

    private static final Locale DEFAULT_LOCALE = Locale.FRENCH;
    static final Path DEFAULT_LOG_DIR = Path.of("logs");
    private static final boolean DEFAULT_LOG_TO_CONSOLE = true;

    /**
     * @throws InvalidSetting naming the key and the value of the first value that cannot be used
     * @throws UnknownSetting naming the first key no module reads
     */
    static Settings from(Config root) {
        SettingsNode classcord = SettingsNode.root(root).section("classcord");
        Settings settings = read(classcord);
        classcord.unknownKeys().stream().filter(unknown -> !scriptVariable(unknown)).findFirst().ifPresent(unknown -> {
            throw unknown;
        });
        return settings;
    }

    /**
     * Helidon reads every {@code CLASSCORD_*} environment variable as a key, including those of the scripts around
     * the server ({@code CLASSCORD_JAVA_OPTS} becomes {@code classcord.java.opts}): a variable is configuration only
     * within a section the server has ({@code CLASSCORD_CHAT_*}, or a key of its own like {@code CLASSCORD_LOCALE}).
     */
    private static boolean scriptVariable(UnknownSetting unknown) {
        return unknown.section().equals("classcord") && ConfigLoader.environmentVariable(unknown.key()).isPresent();
    }

    /** Reads every key of {@code classcord}, present or not. */
    static Settings read(SettingsNode classcord) {
        Locale locale = locale(classcord);
        SettingsNode adminSection = classcord.section("admin");
        AdminSettings admin = AdminSettings.create(adminSection);
        String adminUrl = adminSection.text("url").filter(url -> !url.isBlank()).orElse(localUrl(admin));
        return new Settings(EngineSettings.create(classcord.section("chat"), locale),
                StoreSettings.create(classcord.section("storage")), logDir(classcord),
                classcord.section("logging").bool("console").orElse(DEFAULT_LOG_TO_CONSOLE), admin, adminUrl, locale,
                BackupSettings.create(classcord.section("backup")));
    }

    /** {@code classcord.locale}: the language of the texts people read, fr (default) or en. */
    static Locale locale(SettingsNode classcord) {
        return classcord.choice("locale", value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "fr", "" -> Optional.of(Locale.FRENCH);
            case "en" -> Optional.of(Locale.ENGLISH);
            default -> Optional.<Locale>empty();
        }, "expected.locale").orElse(DEFAULT_LOCALE);
    }

    /** {@code classcord.logging.dir}: where the logs go, also wanted when the rest of the configuration is wrong. */
    static Path logDir(SettingsNode classcord) {
        return classcord.section("logging").text("dir").map(Path::of).orElse(DEFAULT_LOG_DIR);
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
}
