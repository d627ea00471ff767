package io.classcord.app.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The console's way to the admin API: reads the token file on first use (explaining which file and
 * which configuration when it cannot), then keeps the client.
 */
final class ApiSession {

    private final AdminConsole.Target target;
    private final ConsoleConfig config;
    private final Messages texts;
    private AdminClient client;

    ApiSession(AdminConsole.Target target, ConsoleConfig config, Messages texts) {
        this.target = target;
        this.config = config;
        this.texts = texts;
    }

    /** Whether the token was read: a BAD_TOKEN after that is the server refusing it. */
    boolean tokenRead() {
        return client != null;
    }

    AdminClient client() {
        if (client == null) {
            Path file = target.tokenFile().toAbsolutePath();
            client = new AdminClient(target.url(), readToken(file), System.getProperty("user.name", "console"), texts,
                    texts.t("token.refused", file, config.description()));
        }
        return client;
    }

    private String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("token.missing", file, config.description()));
        } catch (AccessDeniedException e) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("token.denied", file, config.description(),
                    owner(file)));
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("token.unreadable", file, ConsoleConfig.reason(e)));
        }
    }

    /** The token file's owner (the server's account), or "classcord" when it cannot be told. */
    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "classcord";
        }
    }
}
