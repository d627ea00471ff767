package io.classcord.app;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

import io.classcord.settings.SettingsNode;
import io.helidon.config.Config;

/**
 * The launcher's texts for the operator, from {@code io/classcord/app/texts_LANG.properties}: French
 * by default, English with {@code classcord.locale: en}. Logs stay in English (the course's format).
 */
final class Texts {

    static final Locale FRENCH = Locale.FRENCH;

    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(Locale locale) {
        this.locale = locale;
        // Always fr or en, each with its own file: no fallback to the JVM's default locale.
        this.bundle = ResourceBundle.getBundle("io.classcord.app.texts", locale);
    }

    static Texts of(Locale locale) {
        return new Texts(locale.getLanguage().equals("en") ? Locale.ENGLISH : FRENCH);
    }

    /** The configured language, or French if the configuration gives none or an unknown one. */
    static Texts of(Config root) {
        try {
            return of(Settings.locale(SettingsNode.root(root).section("classcord")));
        } catch (RuntimeException e) {
            return of(FRENCH);
        }
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... arguments) {
        // Always through MessageFormat, so that '' is a quote in every text, with arguments or not.
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
