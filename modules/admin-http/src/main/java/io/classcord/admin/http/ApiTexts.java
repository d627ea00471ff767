package io.classcord.admin.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

import io.helidon.webserver.http.ServerRequest;

/**
 * The {@code message} of the API's error bodies, which the console prints: one bundle per language,
 * French ({@code api.properties}) by default, English ({@code api_en.properties}) for a request whose
 * {@code Accept-Language} asks for it first. The {@code error} codes never change with the language.
 *
 * <p>Loaded by hand: {@code ResourceBundle.getBundle} would fall back to the JVM's default locale
 * (English on many servers) before the French base bundle.
 */
final class ApiTexts {

    private static final ApiTexts FRENCH = load(Locale.FRENCH, "api.properties");
    private static final ApiTexts ENGLISH = load(Locale.ENGLISH, "api_en.properties");

    private final Locale locale;
    private final ResourceBundle bundle;

    private ApiTexts(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    /** The texts for this request: English when its first Accept-Language is English, French otherwise. */
    static ApiTexts of(ServerRequest req) {
        return forHeader(req.headers().first(io.helidon.http.HeaderNames.ACCEPT_LANGUAGE).orElse(null));
    }

    static ApiTexts forHeader(String acceptLanguage) {
        if (acceptLanguage == null) {
            return FRENCH;
        }
        String first = acceptLanguage.split(",")[0].strip().toLowerCase(Locale.ROOT);
        return first.startsWith("en") ? ENGLISH : FRENCH;
    }

    String t(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : String.format(locale, pattern, args);
    }

    private static ApiTexts load(Locale locale, String name) {
        try (InputStream in = ApiTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new ApiTexts(locale, new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
