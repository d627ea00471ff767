package io.classcord.admin.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The dashboard's page and assets, from this module's resources ({@code io/classcord/admin/dashboard/web/}).
 * Read through this class's own module: in the jlink image the folder is in a named module, where
 * the context class loader (and so a class-path static-content handler) would not see it. Only plain
 * file names of known types are served; each is read once and kept in memory.
 */
final class StaticFiles {

    private static final String FOLDER = "/io/classcord/admin/dashboard/web/";
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "woff2", "font/woff2",
            "txt", "text/plain; charset=utf-8");

    // Only files that exist are kept: the folder's files bound it, whatever names are asked for.
    private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

    void redirect(ServerRequest req, ServerResponse res) {
        res.status(Status.MOVED_PERMANENTLY_301).header(HeaderNames.LOCATION, DashboardRequests.PREFIX + "/").send();
    }

    void index(ServerRequest req, ServerResponse res) {
        serve("index.html", res);
    }

    void file(ServerRequest req, ServerResponse res) {
        serve(req.path().pathParameters().get("file"), res);
    }

    private void serve(String name, ServerResponse res) {
        String type = type(name);
        Optional<byte[]> content = type == null ? Optional.empty() : Optional.ofNullable(cache.get(name)).or(() -> read(name));
        if (content.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type).send(content.get());
    }

    private static String type(String name) {
        if (name == null || !PLAIN_NAME.matcher(name).matches() || name.contains("..")) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private Optional<byte[]> read(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] content = in.readAllBytes();
            cache.put(name, content);
            return Optional.of(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
