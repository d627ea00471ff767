package io.classcord.app.console;

import java.io.PrintStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table laid out as Python's {@code tabulate} does by default: columns two spaces apart,
 * headers underlined with dashes, numbers right-aligned and text left-aligned.
 */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>(headers.size());
        for (Object cell : cells) {
            row.add(cell == null ? "" : oneLine(cell.toString()));
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int columns = headers.size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = width(headers.get(c));
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], width(row.get(c)));
                numeric[c] &= row.get(c).isEmpty() || row.get(c).matches("-?\\d+(\\.\\d+)?");
            }
        }
        List<String> rules = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            rules.add("-".repeat(widths[c]));
        }
        out.println(line(headers, widths, numeric));
        out.println(String.join("  ", rules));
        for (List<String> row : rows) {
            out.println(line(row, widths, numeric));
        }
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - width(cell));
            line.append(numeric[c] ? pad + cell : cell + pad);
        }
        return line.toString().stripTrailing();
    }

    /** Characters as a terminal shows them: a precomposed accent and a combining one count the same. */
    private static int width(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        return composed.codePointCount(0, composed.length());
    }

    private static String oneLine(String text) {
        String flat = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
    }
}
