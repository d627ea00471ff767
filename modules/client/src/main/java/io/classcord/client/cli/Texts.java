package io.classcord.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The client's texts for people, from one bundle per language: {@code client_fr.properties}
 * (default) and {@code client_en.properties} ({@code --lang en}). Placeholders {@code {0}},
 * {@code {1}}... are replaced as they are (no MessageFormat quoting: French apostrophes stay single).
 */
final class Texts {

    static final List<String> LANGUAGES = List.of("fr", "en");

    private static volatile ResourceBundle bundle = load("fr");

    private Texts() {
    }

    /** Switches every later text to {@code language} ({@code fr} or {@code en}). */
    static void use(String language) {
        bundle = load(language);
    }

    static String get(String key, Object... args) {
        String text = bundle.getString(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    static java.util.Set<String> keys(String language) {
        return load(language).keySet();
    }

    // Read directly, not through ResourceBundle.getBundle: its fallback to the JVM's default locale
    // would turn the French default into English on an English machine.
    private static ResourceBundle load(String language) {
        String file = "client_" + (LANGUAGES.contains(language) ? language : "fr") + ".properties";
        try (InputStream in = Texts.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + file);
            }
            return new PropertyResourceBundle(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
