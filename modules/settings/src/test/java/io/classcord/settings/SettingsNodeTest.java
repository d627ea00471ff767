package io.classcord.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

/** Typed reads naming key and value, and the keys nobody reads, at any depth. */
class SettingsNodeTest {

    /** Keys as environment variables and properties give them: lists by index. */
    private static SettingsNode app(Map<String, String> keys) {
        return SettingsNode.root(Config.just(ConfigSources.create(keys))).section("app");
    }

    /** What a small settings class reads: a port, a nested section and a list of sections. */
    private static void readAll(SettingsNode app) {
        app.integer("port");
        app.section("db").text("path");
        app.texts("names");
        app.sections("rooms", "name", "private").ifPresent(rooms -> rooms.forEach(room -> room.text("name")));
    }

    @Test
    void aWrongValueNamesTheKeyAsWritten() {
        InvalidSetting error = assertThrows(InvalidSetting.class, () -> app(Map.of("app.port", "douze")).integer("port"));
        assertEquals("app.port", error.key());
        assertEquals("douze", error.value());
        assertEquals("expected.int", error.expected());

        SettingsNode rooms = app(Map.of("app.rooms.0.name", "a", "app.rooms.1.private", "maybe"));
        InvalidSetting inList = assertThrows(InvalidSetting.class,
                () -> rooms.sections("rooms").orElseThrow().get(1).bool("private"));
        assertEquals("app.rooms.1.private", inList.key());
    }

    @Test
    void aRecordsOwnCheckIsReportedUnderItsSection() {
        SettingsNode db = app(Map.of("app.port", "1")).section("db");
        InvalidSetting error = assertThrows(InvalidSetting.class, () -> db.validated(() -> {
            throw new InvalidSetting("max-batch", 0, "expected.at.least", 1);
        }));
        assertEquals("app.db.max-batch", error.key());
        assertEquals(List.of(1), error.arguments());
    }

    @Test
    void knownKeysAreNotReported() {
        SettingsNode app = app(Map.of("app.port", "1", "app.db.path", "x", "app.names", "a,b", "app.rooms.0.name", "a",
                "app.rooms.0.private", "true"));
        readAll(app);
        assertEquals(List.of(), app.unknownKeys());
        assertEquals(java.util.Set.of("app.port", "app.db.path", "app.names", "app.rooms.*.name", "app.rooms.*.private"),
                app.knownKeys());
    }

    @Test
    void unknownKeysAtAnyDepthWithTheirSectionAndTheClosestKnownKey() {
        SettingsNode app = app(Map.of("app.prot", "1", "app.db.paht", "x", "app.rooms.0.nom", "a", "app.elsewhere.deep", "1"));
        readAll(app);
        List<UnknownSetting> unknown = app.unknownKeys().stream()
                .sorted(java.util.Comparator.comparing(UnknownSetting::key)).toList();
        assertEquals(List.of("app.db.paht", "app.elsewhere", "app.prot", "app.rooms.0.nom"),
                unknown.stream().map(UnknownSetting::key).toList());
        assertEquals("app.db", unknown.get(0).section());
        assertEquals(Optional.of("path"), unknown.get(0).suggestion());
        assertEquals(Optional.empty(), unknown.get(1).suggestion());
        assertEquals(Optional.of("port"), unknown.get(2).suggestion());
        assertEquals(List.of("db", "names", "port", "rooms"), unknown.get(2).knownKeys());
        assertEquals("app.rooms.0", unknown.get(3).section());
        assertEquals(List.of("name", "private"), unknown.get(3).knownKeys());
    }

    @Test
    void typingDistance() {
        assertEquals(1, UnknownKeys.distance("prot", "port"));
        assertEquals(1, UnknownKeys.distance("max-line-byte", "max-line-bytes"));
        assertEquals(3, UnknownKeys.distance("", "abc"));
    }
}
