package io.classcord.protocol;

/**
 * Two course clients decode server lines with their platform charset (windows-1252, or ASCII
 * under an empty locale), so the server never sends a byte above 0x7F: every non-ASCII UTF-16 unit
 * becomes a backslash-u escape, which is valid JSON because such characters can only occur inside strings.
 */
final class AsciiJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AsciiJson() {
    }

    static String escapeNonAscii(CharSequence json) {
        int length = json.length();
        int first = 0;
        while (first < length && json.charAt(first) < 0x7f) {
            first++;
        }
        if (first == length) {
            return json.toString();
        }
        StringBuilder out = new StringBuilder(length + 32);
        out.append(json, 0, first);
        for (int i = first; i < length; i++) {
            char c = json.charAt(i);
            if (c < 0x7f) {
                out.append(c);
            } else {
                out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
