package io.classcord.admin.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CsvTest {

    /** Each character OWASP lists as starting a formula: the cell gets a leading quote, nothing else changes. */
    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")"})
    void formulaStartsAreNeutralised(String text) {
        String expected = "'" + text;
        String quoted = text.indexOf('"') >= 0 || text.indexOf(',') >= 0
                ? '"' + expected.replace("\"", "\"\"") + '"' : expected;
        assertEquals(quoted, Csv.field(text));
    }

    @Test
    void tabAndCarriageReturnStartsAreNeutralised() {
        assertEquals("'\t=1+1", Csv.field("\t=1+1"));
        // A CR also forces RFC 4180 quoting.
        assertEquals("\"'\r=1+1\"", Csv.field("\r=1+1"));
    }

    @Test
    void hyperlinkFormulaIsQuotedAndNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.field("=HYPERLINK(\"http://x\",\"y\")"));
    }

    @Test
    void ordinaryTextAndFormulaCharactersInsideAreUntouched() {
        for (String text : List.of("", "bonjour", "a=b", "1+1", "mail@example.org", "x-y", " =not first", "'=already")) {
            assertEquals(text, Csv.field(text), text);
        }
    }

    @Test
    void numbersAreNotText() {
        assertEquals("-5", Csv.field(-5L));
        assertEquals("42", Csv.field(42));
    }

    @Test
    void recordsEndInCrlfAndQuoteWhatNeedsIt() throws Exception {
        StringWriter out = new StringWriter();
        Csv csv = new Csv(out);
        csv.record(List.of(1L, "a,b", "say \"hi\"", "-x", "line\nbreak"));
        assertEquals("1,\"a,b\",\"say \"\"hi\"\"\",'-x,\"line\nbreak\"\r\n", out.toString());
    }
}
