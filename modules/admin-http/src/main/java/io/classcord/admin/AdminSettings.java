package io.classcord.admin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the admin HTTP server runs; documented with the {@code classcord.admin} keys of {@code application.yaml}.
 *
 * @param enabled         whether the launcher starts it
 * @param host            address it listens on (127.0.0.1 by default: the API is for the machine's operators)
 * @param port            TCP port; 0 picks a free one (tests)
 * @param tokenFile       file holding the bearer token; created with mode 600 on first start if missing
 * @param exportDir       directory of the CSV exports
 * @param defaultPageSize rows per page when a request gives no {@code limit}
 * @param csvDialect      how the CSV exports are written
 */
public record AdminSettings(boolean enabled, String host, int port, Path tokenFile, Path exportDir, int defaultPageSize,
                            CsvDialect csvDialect) {

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(csvDialect, "csvDialect");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin port must be between 0 and 65535, not " + port);
        }
        if (defaultPageSize < 1 || defaultPageSize > io.classcord.storage.MessageQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("admin page size must be between 1 and "
                    + io.classcord.storage.MessageQuery.MAX_LIMIT + ", not " + defaultPageSize);
        }
    }

    /** Settings with the default CSV dialect ({@link CsvDialect#EXCEL_FR}). */
    public AdminSettings(boolean enabled, String host, int port, Path tokenFile, Path exportDir, int defaultPageSize) {
        this(enabled, host, port, tokenFile, exportDir, defaultPageSize, CsvDialect.EXCEL_FR);
    }

    /** The defaults of {@code application.yaml}. */
    public static AdminSettings defaults() {
        return new AdminSettings(true, "127.0.0.1", 8080, Path.of("data/admin.token"), Path.of("scripts/exports"), 50,
                CsvDialect.EXCEL_FR);
    }
}
