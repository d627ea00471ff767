package io.classcord.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentityTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Zoé", "élève 2", "Invité_Rudy_1750426994565", "invité-4821", "jean-marc.o'neil",
            "Мария", "山田", "Ελένη", "bob42"})
    void ordinaryNamesAreAccepted(String name) {
        assertEquals(Optional.empty(), Identity.userNameProblem(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "v\u0456ctim",          // Cyrillic і among Latin letters
            "s\u0435rveur"})        // Cyrillic е
    void mixedScriptsAreRefused(String name) {
        assertEquals(Optional.of(NameProblem.MIXED_SCRIPTS), Identity.userNameProblem(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "victim\u00a0",         // trailing no-break space
            "serveur\u00a0",
            "vic\u034ftim",         // combining grapheme joiner
            "\u3164",               // Hangul filler
            "vic\u3164tim",
            "\u2800",               // braille blank
            "vic\u2800tim",
            "victi\u0307m",         // combining dot on a Latin letter
            "vic\ud800tim",         // lone surrogate
            "vic\u200btim",         // zero-width space
            "vic\u200dtim",         // zero-width joiner
            "vic\u202etim",         // right-to-left override
            "vic\u0378tim",         // unassigned
            "vic\ue000tim",         // private use
            "a\u001b[31mb",         // escape sequence
            "#admin",
            "x [LOGIN] Failed login attempt from 1.2.3.4"})
    void invisibleAndForbiddenCharactersAreRefused(String name) {
        assertEquals(Optional.of(NameProblem.FORBIDDEN_CHARACTER), Identity.userNameProblem(name), name);
    }

    @Test
    void spacingAndLengthAreChecked() {
        assertEquals(Optional.of(NameProblem.SPACING), Identity.userNameProblem(" alice"));
        assertEquals(Optional.of(NameProblem.SPACING), Identity.userNameProblem("jean  marc"));
        assertEquals(Optional.of(NameProblem.EMPTY), Identity.userNameProblem(""));
        assertEquals(Optional.of(NameProblem.TOO_LONG), Identity.userNameProblem("a".repeat(Identity.MAX_LENGTH + 1)));
        assertEquals(Optional.of(NameProblem.FORBIDDEN_CHARACTER), Identity.channelNameProblem("projet 1"));
    }

    @Test
    void caseCompatibilityAndSharpSFold() {
        assertEquals(Identity.key("alice"), Identity.key("ALICE"));
        assertEquals(Identity.key("Maß"), Identity.key("MASS"));
        assertEquals(Identity.key("Maß"), Identity.key("mass"));
        assertEquals(Identity.key("admin"), Identity.key("\uff41dmin")); // full-width a
        assertEquals(Identity.key("Zoé"), Identity.key("Zoe\u0301"));
    }

    @Test
    void foldingCoversGreekLigaturesAndAccents() {
        assertEquals(Identity.key("ΣΟΦΟΣ"), Identity.key("σοφος"));
        assertEquals(Identity.key("ﬁle"), Identity.key("file"));
        assertEquals(Identity.key("straße"), Identity.key("STRASSE"));
        assertNotEquals(Identity.key("zoe"), Identity.key("zoé"));
    }

    @Test
    void keyDoesNotDependOnTheDefaultLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertEquals(Identity.key("ian"), Identity.key("IAN"));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    @Test
    void lookAlikesShareTheirKey() {
        assertEquals(Identity.key("victim"), Identity.key("v\u0456ctim"));
        assertEquals(Identity.key("admin"), Identity.key("\u0430dmin"));
        assertEquals(Identity.key("serveur"), Identity.key("s\u0435rveur"));
        assertEquals(Identity.key("bob"), Identity.key("b0b"));
        assertEquals(Identity.key("paul"), Identity.key("pau1"));
        assertEquals(Identity.key("Maß"), Identity.key("rnass"));
        assertEquals(Identity.key("modem"), Identity.key("rnodern"));
    }

    @Test
    void differentNamesKeepDifferentKeys() {
        assertNotEquals(Identity.key("alice"), Identity.key("alicia"));
        assertNotEquals(Identity.key("bob"), Identity.key("rob"));
        assertTrue(Identity.key("élève").length() > 0);
    }
}
