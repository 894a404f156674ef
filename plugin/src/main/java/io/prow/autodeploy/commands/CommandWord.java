package io.prow.autodeploy.commands;

import java.util.List;

/**
 * How a command is written at the start of a comment line: its spellings after the {@code /}, what may follow the
 * word, and whether fenced code blocks count. Matching is a plain comparison, linear in the text it reads: no
 * regex, so no backtracking whatever a commenter writes.
 *
 * <p>Prow's hold commands ({@link #prowHold}) follow kubernetes-sigs/prow {@code pkg/plugins/hold/hold.go} exactly:
 * {@code (?mi)^/hold(\s.*)?$} and {@code (?mi)^/(remove-hold|hold\s+cancel|unhold)(\s.*)?$} in Go's RE2, where
 * {@code \s} is ASCII {@code [\t\n\f\r ]}: the word ends the text or is followed by one of those, a space inside a
 * spelling stands for {@code \s+} (which spans lines), and code blocks are read like any text (Prow does). Our own
 * commands ({@link #own}) end at anything that cannot continue a word (so {@code /rollback;tag} is a
 * {@code /rollback} with a malformed argument, answered with the usage, while {@code /rollbacks} is nothing) and
 * are not read inside fenced code blocks (a pasted example must not open a rollback PR).
 */
public record CommandWord(List<String> spellings, Ending ending, boolean readsCodeBlocks) {
    public enum Ending {
        /** End of text or RE2's {@code \s}, as Prow's hold regexes. */
        PROW_SPACE,
        /** End of text or any character but a letter, a digit, {@code -} or {@code _}. */
        NOT_A_WORD_CHARACTER
    }

    public CommandWord {
        spellings = List.copyOf(spellings);
        for (String s : spellings) {
            if (!s.matches("[a-z-]+( [a-z-]+)*")) {
                throw new IllegalArgumentException("spelling must be lower-case ASCII words: " + s);
            }
        }
    }

    /** One of Prow's hold spellings, read exactly as Prow's hold plugin reads it. */
    public static CommandWord prowHold(String... spellings) {
        return new CommandWord(List.of(spellings), Ending.PROW_SPACE, true);
    }

    /** A command of ours alone. */
    public static CommandWord own(String spelling) {
        return new CommandWord(List.of(spelling), Ending.NOT_A_WORD_CHARACTER, false);
    }

    /** Where the word ends if one of the spellings starts at {@code at} (just after the slash), else -1. */
    int endAt(CharSequence text, int at) {
        for (int k = 0; k < spellings.size(); k++) {
            int end = spelled(text, at, spellings.get(k));
            if (end >= 0 && endsHere(text, end)) {
                return end;
            }
        }
        return -1;
    }

    /** The first word of each spelling: what a cheap scan looks for. */
    List<String> firstWords() {
        return spellings.stream().map(s -> s.split(" ", 2)[0]).toList();
    }

    private static int spelled(CharSequence text, int at, String spelling) {
        int i = at;
        int n = text.length();
        for (int k = 0; k < spelling.length(); k++) {
            char want = spelling.charAt(k);
            if (want == ' ') {
                if (i >= n || !CommentText.isProwSpace(text.charAt(i))) {
                    return -1;
                }
                while (i < n && CommentText.isProwSpace(text.charAt(i))) {
                    i++;
                }
            } else if (i < n && CommentText.asciiLower(text.charAt(i)) == want) {
                i++;
            } else {
                return -1;
            }
        }
        return i;
    }

    private boolean endsHere(CharSequence text, int i) {
        if (i >= text.length()) {
            return true;
        }
        char c = text.charAt(i);
        return switch (ending) {
            case PROW_SPACE -> CommentText.isProwSpace(c);
            case NOT_A_WORD_CHARACTER -> c != '-' && c != '_'
                    && !Character.isLetterOrDigit(Character.codePointAt(text, i));
        };
    }
}
