package io.classcord.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class UsernameKeyTest {

    @Test
    void foldsCaseWidthAndComposition() {
        assertEquals("alice", UsernameKey.of("Alice"));
        assertEquals("alice", UsernameKey.of("ALICE"));
        assertEquals("alice", UsernameKey.of("ａｌｉｃｅ"));
        assertEquals(UsernameKey.of("Zo\u00e9"), UsernameKey.of("zoe\u0301"));
        assertEquals(UsernameKey.of("straße"), UsernameKey.of("STRASSE"));
        assertEquals(UsernameKey.of("ΣΟΦΟΣ"), UsernameKey.of("σοφος"));
        assertEquals(UsernameKey.of("ﬁle"), UsernameKey.of("file"), "ligature");
        assertNotEquals(UsernameKey.of("zoe"), UsernameKey.of("zoé"));
    }

    @Test
    void doesNotDependOnTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertEquals("ian", UsernameKey.of("IAN"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
