/**
 * Reading the {@code classcord} configuration: each module's settings class reads its own section
 * through a {@link io.classcord.settings.SettingsNode}, which names the key and the value on a
 * mistake and remembers which keys exist, so that any other key is refused.
 */
module io.classcord.settings {
    requires transitive io.helidon.config;
    exports io.classcord.settings;
}
