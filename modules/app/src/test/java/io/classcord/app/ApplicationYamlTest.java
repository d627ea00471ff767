package io.classcord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import io.classcord.settings.SettingsNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

/**
 * The {@code application.yaml} shipped in the application documents the configuration: it must state
 * exactly the defaults the settings classes hold, and every key they read, no more.
 */
class ApplicationYamlTest {

    private static Config shipped() {
        return Config.just(ConfigSources.classpath("application.yaml"));
    }

    private static SettingsNode classcord(Config root) {
        return SettingsNode.root(root).section("classcord");
    }

    @Test
    void statesTheDefaultsOfTheCode() {
        Settings defaults = Settings.read(classcord(Config.empty()));
        Settings documented = Settings.read(classcord(shipped()));
        assertEquals(defaults.engine(), documented.engine());
        assertEquals(defaults.store(), documented.store());
        assertEquals(defaults.admin(), documented.admin());
        assertEquals(defaults, documented);
    }

    @Test
    void holdsOnlyKnownKeys() {
        Settings.from(shipped());
    }

    @Test
    void documentsEveryKnownKey() {
        SettingsNode classcord = classcord(Config.empty());
        Settings.read(classcord);
        Set<String> known = classcord.knownKeys();
        assertTrue(known.size() > 40, known.toString());
        Config shipped = shipped();
        List<String> undocumented = known.stream().sorted()
                .filter(key -> !shipped.get(key.replace(".*.", ".0.")).exists())
                .toList();
        assertEquals(List.of(), undocumented, "keys read by the code but missing from application.yaml");
    }
}
