package io.classcord.app.console;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Which configuration the console reads, the way an operator expects: {@code --config FILE} first, then
 * the service's file where the Ansible role installs it ({@code /etc/classcord/application.yaml}), then
 * the built-in defaults (paths relative to the current directory). A file that is there but cannot be
 * read stops the console with the reason, rather than silently falling back to the defaults.
 *
 * @param file        the configuration file to load, or null for the defaults alone
 * @param description what the messages call it: the file, or "none, ... absent: the defaults"
 */
record ConsoleConfig(Path file, String description) {

    /** Where the Ansible role renders the server's configuration (classcord_config_file). */
    static final Path SERVICE_FILE = Path.of("/etc/classcord/application.yaml");

    static ConsoleConfig find(Path option, Path serviceFile, Messages texts) {
        if (option != null) {
            return new ConsoleConfig(checked(option, texts, true), option.toAbsolutePath().toString());
        }
        if (Files.exists(serviceFile)) {
            return new ConsoleConfig(checked(serviceFile, texts, false), serviceFile.toString());
        }
        return new ConsoleConfig(null, texts.t("config.none", serviceFile, Path.of("").toAbsolutePath()));
    }

    private static Path checked(Path file, Messages texts, boolean given) {
        Path absolute = file.toAbsolutePath();
        try (var in = Files.newInputStream(file)) {
            // Opening a directory succeeds; reading it does not.
            in.read();
            return file;
        } catch (NoSuchFileException e) {
            throw new ConsoleException(given ? ConsoleException.USAGE : ConsoleException.BAD_TOKEN,
                    texts.t("config.missing", absolute));
        } catch (AccessDeniedException e) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("config.denied", absolute));
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.BAD_TOKEN, texts.t("config.unreadable", absolute, reason(e)));
        }
    }

    /** An I/O failure as a person reads it: the OS's reason, not the exception's class. */
    static String reason(IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }
}
