package io.classcord.admin.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 records with a chosen separator: fields with the separator, a quote or a line break are
 * quoted, quotes doubled, CRLF between records. Text that a spreadsheet would run as a formula is
 * neutralised first (see {@link #neutralise}).
 */
final class Csv {

    /**
     * Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or, for
     * tab and CR, let one slip past a check on the first visible character): OWASP's CSV injection list.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;
    private final char separator;

    Csv(Writer out) {
        this(out, ',');
    }

    Csv(Writer out, char separator) {
        this.out = out;
        this.separator = separator;
    }

    void record(List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            out.write(field(fields.get(i), separator));
        }
        out.write("\r\n");
    }

    static String field(Object value) {
        return field(value, ',');
    }

    static String field(Object value, char separator) {
        String text = value == null ? "" : value.toString();
        // Numbers are ours (ids, flags), never a student's text: only text is neutralised, so that a
        // number keeps its value in a spreadsheet.
        if (value instanceof CharSequence) {
            text = neutralise(text);
        }
        boolean quote = text.indexOf(separator) >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /**
     * Message texts and names come from students: one starting with {@code =}, {@code +}, {@code -},
     * {@code @}, tab or CR would be evaluated when the teacher opens the export in a spreadsheet
     * ({@code =HYPERLINK(...)} phishing, DDE). A leading single quote makes the cell plain text, as
     * OWASP recommends; the spreadsheet shows the text without it.
     */
    static String neutralise(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
