package io.classcord.admin.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/** The admin bearer token, kept in a file only its owner can read. */
public final class TokenFile {

    private static final Logger LOG = Logger.getLogger("classcord.admin");

    private TokenFile() {
    }

    /**
     * Reads the token, creating the file (mode 600, 256 random bits) first if it does not exist.
     *
     * @throws IOException if the file cannot be read or created, or holds no token
     */
    public static String loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                create(file);
                LOG.info(() -> "[ADMIN] Created the admin token file " + file.toAbsolutePath() + " (mode 600)");
            } catch (FileAlreadyExistsException e) {
                // Created meanwhile by another process: read theirs.
            }
        }
        return read(file);
    }

    /** Reads an existing token file. */
    public static String read(Path file) throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException("the admin token file " + file.toAbsolutePath() + " is empty");
        }
        return token;
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Created with its final permissions: there is no moment when another user could read it.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    }
}
