package io.classcord.admin.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 records: fields with a comma, a quote or a line break are quoted, quotes doubled, CRLF between records. */
final class Csv {

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    void record(List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(Object value) {
        String text = value == null ? "" : value.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
