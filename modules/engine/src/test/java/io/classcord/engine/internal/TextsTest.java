package io.classcord.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(Texts.of(Locale.FRENCH).keys(), Texts.of(Locale.ENGLISH).keys());
    }

    @Test
    void frenchStaysFrenchWhateverTheMachineLocaleAndUnknownLanguagesGetFrench() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            assertEquals("Canal inconnu : #x", Texts.of(Locale.FRENCH).get("channel.unknown", "#x"));
            assertEquals("Canal inconnu : #x", Texts.of(Locale.GERMAN).get("channel.unknown", "#x"));
            assertEquals("Unknown channel: #x", Texts.of(Locale.forLanguageTag("en-GB")).get("channel.unknown", "#x"));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void noBundleTextIsAWireTextClientsMatchOn() {
        for (Locale locale : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
            Texts texts = Texts.of(locale);
            for (String key : texts.keys()) {
                String text = texts.get(key);
                assertFalse(text.equals("Login failed.") || text.contains("already exists"), key);
            }
        }
    }
}
