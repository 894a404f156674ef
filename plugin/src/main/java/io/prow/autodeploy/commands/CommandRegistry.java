package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one place that lists the commands. Matching and /help both read this list, so registering a command is all
 * it takes for it to work and be documented.
 */
public final class CommandRegistry {
    /**
     * The longest argument text a command receives, in code points (longer is cut): bounded memory for anyone's
     * comment. Far above what a tag or a reason needs; the commands cap what they echo further.
     */
    public static final int MAX_ARGUMENT = 1_000;

    private final List<Command> commands;
    /** Each command's word, by index: read once per line start, so no interface call per line. */
    private final CommandWord[] words;
    private final List<String> firstWords;
    private final int longestFirstWord;
    /** Letters a spelling starts with: a line like {@code /x} or {@code /} alone is passed over at once. */
    private final boolean[] firstLetters = new boolean[128];

    public CommandRegistry(List<Command> commands) {
        this.commands = List.copyOf(commands);
        this.words = this.commands.stream().map(c -> c.spec().word()).toArray(CommandWord[]::new);
        Set<String> heads = new LinkedHashSet<>();
        this.commands.forEach(c -> heads.addAll(c.spec().word().firstWords()));
        this.firstWords = List.copyOf(heads);
        this.longestFirstWord = heads.stream().mapToInt(String::length).max().orElse(0);
        heads.forEach(w -> firstLetters[w.charAt(0)] = true);
    }

    public List<Command> all() {
        return commands;
    }

    /** A command matched in a comment, with its argument text. */
    public record Match(Command command, String args) {}

    /**
     * Commands in {@code body}, one per family at most (the first registered wins: cancel over hold, as Prow checks
     * cancel first), in registration order, each with the argument text of its first occurrence. Pure, no I/O, one
     * pass over the lines ({@link CommentText}); runs on a worker, never on hook's request thread.
     */
    public List<Match> find(CharSequence body) {
        if (body == null || body.length() == 0) {
            return List.of();
        }
        Match[] first = new Match[commands.size()];
        int missing = commands.size();
        CommentText.Fences fences = new CommentText.Fences();
        int n = body.length();
        for (int start = 0; start < n && missing > 0; ) {
            int end = CommentText.lineEnd(body, start);
            boolean inCode = fences.inCode(body, start, end);
            char next = start + 1 < n ? CommentText.asciiLower(body.charAt(start + 1)) : 0;
            if (body.charAt(start) == '/' && next < firstLetters.length && firstLetters[next]) {
                for (int i = 0; i < first.length; i++) {
                    CommandWord word = words[i];
                    if (first[i] != null || inCode && !word.readsCodeBlocks()) {
                        continue;
                    }
                    int wordEnd = word.endAt(body, start + 1);
                    if (wordEnd >= 0) {
                        first[i] = new Match(commands.get(i), CommentText.argument(body, wordEnd, MAX_ARGUMENT));
                        missing--;
                    }
                }
            }
            start = end + 1;
        }
        List<Match> found = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (Match m : first) {
            if (m != null && families.add(m.command().spec().family())) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * Whether {@code body} may carry a command: some line starts with {@code /} and the first word of a command
     * (any case). Cheap enough for hook's request thread: one pass, each character read at most twice. It
     * over-approximates ({@code /holdx}, a command in a code block): the worker's {@link #find} decides.
     */
    public boolean mayCarryCommand(CharSequence body) {
        if (body == null) {
            return false;
        }
        char[] word = new char[longestFirstWord];
        int n = body.length();
        boolean lineStart = true;
        int i = 0;
        while (i < n) {
            char c = body.charAt(i);
            if (lineStart && c == '/') {
                int len = 0;
                i++;
                // Reads the letters after the slash once, into a buffer of the longest first word's length.
                while (i < n && len < word.length && isWordChar(c = body.charAt(i))) {
                    word[len++] = CommentText.asciiLower(c);
                    i++;
                }
                if (startsWithFirstWord(word, len)) {
                    return true;
                }
                lineStart = false;
                continue;
            }
            lineStart = c == '\n';
            i++;
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
    }

    private boolean startsWithFirstWord(char[] word, int len) {
        for (String w : firstWords) {
            if (len >= w.length() && w.contentEquals(java.nio.CharBuffer.wrap(word, 0, w.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Who may run a command, in words, for /help and refusal replies. */
    public static String whoCanUse(Command c, RepoConfig config) {
        List<String> parts = c.whoCan(config).stream().sorted().map(r -> r.description()).toList();
        return parts.isEmpty() ? "nobody" : String.join(", ", parts);
    }
}
