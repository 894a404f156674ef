package io.prow.autodeploy.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The unified diff GitHub shows as a file's {@code patch} in "list pull request files": hunks with three lines of
 * context, {@code @@ -a,b +c,d @@} headers, no {@code ---}/{@code +++} file header (GitHub leaves it out). A plain
 * longest-common-subsequence line diff: sandbox files are small.
 */
final class SandboxPatch {
    private static final int CONTEXT = 3;

    private SandboxPatch() {}

    static String unified(String oldText, String newText) {
        List<String> a = oldText == null ? List.of() : oldText.lines().toList();
        List<String> b = newText == null ? List.of() : newText.lines().toList();
        List<char[]> ops = ops(a, b); // each: {op, ' '} with op ' ', '-', '+'; lines taken in order
        List<String> lines = new ArrayList<>();
        List<int[]> pos = new ArrayList<>(); // line number in a and b before the op (0-based)
        int i = 0;
        int j = 0;
        for (char[] op : ops) {
            pos.add(new int[] {i, j});
            switch (op[0]) {
                case ' ' -> {
                    lines.add(" " + a.get(i++));
                    j++;
                }
                case '-' -> lines.add("-" + a.get(i++));
                default -> lines.add("+" + b.get(j++));
            }
        }
        List<Integer> changed = new ArrayList<>();
        for (int x = 0; x < lines.size(); x++) {
            if (lines.get(x).charAt(0) != ' ') {
                changed.add(x);
            }
        }
        StringBuilder out = new StringBuilder();
        int c = 0;
        while (c < changed.size()) {
            int first = changed.get(c);
            int last = first;
            while (c + 1 < changed.size() && changed.get(c + 1) - last <= 2 * CONTEXT) {
                last = changed.get(++c);
            }
            c++;
            int from = Math.max(0, first - CONTEXT);
            int to = Math.min(lines.size(), last + 1 + CONTEXT);
            int oldCount = 0;
            int newCount = 0;
            for (int x = from; x < to; x++) {
                char op = lines.get(x).charAt(0);
                oldCount += op == '+' ? 0 : 1;
                newCount += op == '-' ? 0 : 1;
            }
            int[] p = pos.get(from);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("@@ -").append(oldCount == 0 ? p[0] : p[0] + 1).append(',').append(oldCount)
                    .append(" +").append(newCount == 0 ? p[1] : p[1] + 1).append(',').append(newCount).append(" @@");
            for (int x = from; x < to; x++) {
                out.append('\n').append(lines.get(x));
            }
        }
        return out.toString();
    }

    private static List<char[]> ops(List<String> a, List<String> b) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int x = a.size() - 1; x >= 0; x--) {
            for (int y = b.size() - 1; y >= 0; y--) {
                lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<char[]> ops = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (x < a.size() || y < b.size()) {
            if (x < a.size() && y < b.size() && a.get(x).equals(b.get(y))) {
                ops.add(new char[] {' '});
                x++;
                y++;
            } else if (x < a.size() && (y == b.size() || lcs[x + 1][y] >= lcs[x][y + 1])) {
                ops.add(new char[] {'-'}); // removals before additions, as git prints them
                x++;
            } else {
                ops.add(new char[] {'+'});
                y++;
            }
        }
        return ops;
    }
}
