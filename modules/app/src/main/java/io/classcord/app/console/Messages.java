package io.classcord.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The console's texts: one bundle per language ({@code console.properties} French, the default;
 * {@code console_en.properties} English), chosen by {@code classcord.locale}.
 *
 * <p>Loaded by hand rather than with {@code ResourceBundle.getBundle}: that falls back to the JVM's default
 * locale before the base bundle (French asked on an English machine would give English), and a named
 * module cannot pass a {@code Control} that turns the fallback off.
 */
final class Messages {

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    static Messages french() {
        return load(Locale.FRENCH, "console.properties");
    }

    /** The texts of {@code classcord.locale}: {@code fr} or {@code en} (case and region ignored). */
    static Messages of(String tag) {
        String language = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
        if (language.startsWith("en")) {
            return load(Locale.ENGLISH, "console_en.properties");
        }
        if (language.isEmpty() || language.startsWith("fr")) {
            return french();
        }
        throw new IllegalArgumentException(tag);
    }

    private static Messages load(Locale locale, String name) {
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new Messages(locale, new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The language tag sent to the admin API as Accept-Language. */
    String language() {
        return locale.getLanguage();
    }

    /** The text of {@code key}, with {@code %s} placeholders filled in order. */
    String t(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : String.format(locale, pattern, args);
    }
}
