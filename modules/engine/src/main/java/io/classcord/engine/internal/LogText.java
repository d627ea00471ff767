package io.classcord.engine.internal;

/**
 * Client-chosen text (names, channels, states) as it appears in a log line. fail2ban and teachers
 * read the activity log line by line, looking for markers such as {@code [LOGIN] Failed login attempt
 * from IP}: a name that contained such a marker, or a line break, could make a student's name ban
 * another address. Quoted, with every bracket, quote, backslash, control and non-ASCII character
 * escaped as {@code \\uXXXX}, a client's text can never form a marker or a line of its own.
 */
final class LogText {

    private LogText() {
    }

    static String quote(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '[' && c != ']') {
                out.append(c);
            } else if (c > 0x7f && Character.isLetterOrDigit(c)) {
                // Accented names stay readable (élève); only letters and digits, never spaces or marks.
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
