package io.classcord.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How CSV exports are written ({@code classcord.admin.csv-dialect}).
 *
 * <ul>
 *   <li>{@link #EXCEL_FR} (the default): UTF-8 with a byte order mark and {@code ;} between fields. A French
 *       Excel or LibreOffice opens it on double-click in columns, accents intact: without the BOM Excel
 *       reads the file as Windows-1252, and with {@code ,} (the decimal separator in French) it puts
 *       each line in one column.</li>
 *   <li>{@link #RFC4180}: UTF-8 without BOM and {@code ,}, for scripts (Python's csv module, pandas).</li>
 * </ul>
 */
public enum CsvDialect {
    EXCEL_FR("excel-fr", ';', true),
    RFC4180("rfc4180", ',', false);

    private final String key;
    private final char separator;
    private final boolean bom;

    CsvDialect(String key, char separator, boolean bom) {
        this.key = key;
        this.separator = separator;
        this.bom = bom;
    }

    /** The configuration value. */
    public String key() {
        return key;
    }

    public char separator() {
        return separator;
    }

    /** Whether the file starts with U+FEFF. */
    public boolean bom() {
        return bom;
    }

    /** The dialect of a configuration value, ignoring case. */
    static Optional<CsvDialect> find(String key) {
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst();
    }
}
