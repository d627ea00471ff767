package io.classcord.hostile;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The cases tried and what happened, printed as a table at the end of a suite. */
final class CaseTable {

    record Row(String name, String result, String evidence) {
    }

    interface Case {
        /** Runs the attack and its checks; returns the log line that says what happened. */
        String run() throws Exception;
    }

    private final List<Row> rows = new ArrayList<>();

    /** Runs a case, records it (PASS with the evidence, or FAIL with why), and rethrows a failure. */
    void run(String name, Case body) throws Exception {
        try {
            String evidence = body.run();
            rows.add(new Row(name, "PASS", evidence));
        } catch (Exception | AssertionError e) {
            rows.add(new Row(name, "FAIL", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    void skipped(String name, String why) {
        rows.add(new Row(name, "SKIPPED", why));
    }

    void print(String title, PrintStream out) {
        out.println();
        out.println("=== " + title + " ===");
        out.printf("| %-40s | %-7s | %s%n", "case", "result", "what the server did (log)");
        for (Row row : rows) {
            out.printf("| %-40s | %-7s | %s%n", row.name(), row.result(), shorten(row.evidence()));
        }
        out.println();
    }

    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
