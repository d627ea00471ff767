package io.classcord.admin;

import java.nio.file.Path;
import java.util.Objects;

import io.classcord.settings.InvalidSetting;
import io.classcord.settings.SettingsNode;
import io.classcord.storage.MessageQuery;

/**
 * How the admin HTTP server runs: the {@code classcord.admin} keys of {@code application.yaml}, whose
 * defaults and checks are stated here only.
 *
 * @param enabled         whether the launcher starts it
 * @param host            address it listens on (127.0.0.1 by default: the API is for the machine's operators)
 * @param port            TCP port; 0 picks a free one (tests)
 * @param tokenFile       file holding the bearer token; created with mode 600 on first start if missing
 * @param exportDir       directory of the CSV exports
 * @param defaultPageSize rows per page when a request gives no {@code limit}
 * @param csvDialect      how the CSV exports are written
 * @param backupStatus    file whose line ("ok|failed TIME UNIT", written by the backup units) {@code /health}
 *                        shows; null when none is set
 */
public record AdminSettings(boolean enabled, String host, int port, Path tokenFile, Path exportDir, int defaultPageSize,
                            CsvDialect csvDialect, Path backupStatus) {

    private static final boolean DEFAULT_ENABLED = true;
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 8080;
    private static final String DEFAULT_TOKEN_FILE = "data/admin.token";
    private static final String DEFAULT_EXPORT_DIR = "scripts/exports";
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final CsvDialect DEFAULT_CSV_DIALECT = CsvDialect.EXCEL_FR;

    /** @throws InvalidSetting naming the key of the field ({@code port}, {@code page-size}) and its value */
    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(exportDir, "exportDir");
        Objects.requireNonNull(csvDialect, "csvDialect");
        if (port < 0 || port > 65535) {
            throw new InvalidSetting("port", port, "expected.range", 0, 65535);
        }
        if (defaultPageSize < 1 || defaultPageSize > MessageQuery.MAX_LIMIT) {
            throw new InvalidSetting("page-size", defaultPageSize, "expected.range", 1, MessageQuery.MAX_LIMIT);
        }
    }

    /** Settings with the default CSV dialect and no backup status file. */
    public AdminSettings(boolean enabled, String host, int port, Path tokenFile, Path exportDir, int defaultPageSize) {
        this(enabled, host, port, tokenFile, exportDir, defaultPageSize, DEFAULT_CSV_DIALECT, null);
    }

    /**
     * Reads the {@code classcord.admin} section; a missing key keeps its default. ({@code url}, the console's,
     * is read by the launcher.)
     */
    public static AdminSettings create(SettingsNode admin) {
        boolean enabled = admin.bool("enabled").orElse(DEFAULT_ENABLED);
        String host = admin.text("host").orElse(DEFAULT_HOST);
        int port = admin.integer("port").orElse(DEFAULT_PORT);
        Path tokenFile = Path.of(admin.text("token-file").orElse(DEFAULT_TOKEN_FILE));
        Path exportDir = Path.of(admin.text("export-dir").orElse(DEFAULT_EXPORT_DIR));
        int pageSize = admin.integer("page-size").orElse(DEFAULT_PAGE_SIZE);
        CsvDialect dialect = admin.choice("csv-dialect", CsvDialect::find, "expected.csv.dialect")
                .orElse(DEFAULT_CSV_DIALECT);
        Path backupStatus = admin.text("backup-status-file").filter(name -> !name.isBlank()).map(Path::of).orElse(null);
        return admin.validated(() -> new AdminSettings(enabled, host, port, tokenFile, exportDir, pageSize, dialect,
                backupStatus));
    }
}
