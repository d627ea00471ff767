package io.classcord.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The texts a person reads in the chat (error replies, notices), from one bundle per language:
 * {@code texts_fr.properties} (default) and {@code texts_en.properties}, chosen by the engine's
 * {@code locale}. Placeholders are {@code {0}}, {@code {1}}..., replaced as they are (no
 * {@link java.text.MessageFormat} quoting, so French apostrophes need no doubling).
 *
 * <p>Not here: the wire texts the course clients match on ({@code Login failed.},
 * {@code Username already exists.}), which are the same in every language, and log lines, which
 * keep the course's format.
 */
final class Texts {

    /** Languages with a bundle; any other locale gets French. */
    static final java.util.List<String> LANGUAGES = java.util.List.of("fr", "en");

    private final ResourceBundle bundle;

    private Texts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * The bundle of {@code locale}'s language. Read directly rather than through
     * {@code ResourceBundle.getBundle}, whose fallback goes to the JVM's default locale: French
     * asked on an English machine must stay French.
     */
    static Texts of(Locale locale) {
        String language = locale == null ? "fr" : locale.getLanguage();
        if (!LANGUAGES.contains(language)) {
            language = "fr";
        }
        String file = "texts_" + language + ".properties";
        try (InputStream in = Texts.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            return new Texts(new PropertyResourceBundle(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The text of {@code key} with {@code {0}}, {@code {1}}... replaced by {@code args}. */
    String get(String key, Object... args) {
        String text = bundle.getString(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    java.util.Set<String> keys() {
        return bundle.keySet();
    }
}
