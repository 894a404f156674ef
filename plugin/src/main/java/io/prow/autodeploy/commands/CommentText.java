package io.prow.autodeploy.commands;

/**
 * How a comment is read for commands: as Prow reads it. Prow's plugins match Go RE2 multi-line regexes on the raw
 * body (kubernetes-sigs/prow {@code pkg/plugins/hold/hold.go}; {@code pkg/github/helpers.go} GeneralizeComment
 * copies {@code Comment.Body} unchanged, no CRLF normalisation). In RE2 only {@code \n} ends a line: {@code \r},
 * U+0085, U+2028 and U+2029 are ordinary characters, so {@code "looks fine\u2028/hold cancel"} carries no command
 * (for Prow, GitHub's rendering aside, and us), and a CRLF line ends in a {@code \r} that counts as a space. A
 * command starts its line (no leading blanks: quoted {@code > /hold} and indented code never carry one). Each
 * character is read a bounded number of times: no regex, no backtracking.
 */
final class CommentText {
    private CommentText() {}

    /** RE2's {@code \s}: {@code [\t\n\f\r ]}, ASCII only (no vertical tab, no NBSP, no U+2028). */
    static boolean isProwSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    /** ASCII-only case folding: a Kelvin sign is not a {@code k}, a full-width letter not a letter of a command. */
    static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** The index of the {@code \n} that ends the line containing {@code from}, or the text's length. */
    static int lineEnd(CharSequence text, int from) {
        int n = text.length();
        for (int i = from; i < n; i++) {
            if (text.charAt(i) == '\n') {
                return i;
            }
        }
        return n;
    }

    /**
     * The argument text: from {@code from} to the end of its line (it never runs onto the next line), trimmed as
     * {@link String#trim()} does, at most {@code max} code points (a longer one is cut, never split in a pair).
     */
    static String argument(CharSequence text, int from, int max) {
        int end = lineEnd(text, from);
        int i = from;
        while (i < end && text.charAt(i) <= ' ') {
            i++;
        }
        StringBuilder b = new StringBuilder();
        for (int count = 0; i < end && count < max; count++) {
            char c = text.charAt(i++);
            b.append(c);
            if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(text.charAt(i))) {
                b.append(text.charAt(i++));
            }
        }
        int keep = b.length();
        while (keep > 0 && b.charAt(keep - 1) <= ' ') {
            keep--;
        }
        b.setLength(keep);
        return b.toString();
    }

    /**
     * Fenced code blocks (CommonMark: a line of at least three {@code `} or {@code ~}, indented at most three
     * spaces, closed by the same character), fed one line at a time.
     */
    static final class Fences {
        private char open;

        /** Whether the line {@code [start, end)} is a fence or inside a fenced block. */
        boolean inCode(CharSequence text, int start, int end) {
            int i = start;
            while (i < end && i - start < 3 && text.charAt(i) == ' ') {
                i++;
            }
            char c = i < end ? text.charAt(i) : 0;
            if (c == '`' || c == '~') {
                int run = i;
                while (run < end && text.charAt(run) == c) {
                    run++;
                }
                if (run - i >= 3) {
                    if (open == 0) {
                        open = c;
                    } else if (open == c) {
                        open = 0;
                    }
                    return true;
                }
            }
            return open != 0;
        }
    }
}
