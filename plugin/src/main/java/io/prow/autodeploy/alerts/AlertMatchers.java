package io.prow.autodeploy.alerts;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The configured matchers ({@code severity=~"critical|high"}) evaluated locally, with Alertmanager's
 * semantics: all must match, a missing label is the empty string, regexes are anchored at both ends.
 * Alertmanager filters the API query itself; this is for alerts that arrive by webhook, which carry every
 * alert of the route, so the plugin can tell whether a notification concerns a repository.
 */
public final class AlertMatchers {
    private static final Pattern SHAPE =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"(.*)\"\\s*", Pattern.DOTALL);

    public enum Op { EQUAL, NOT_EQUAL, REGEX, NOT_REGEX }

    /** One parsed matcher; {@code regex} is set for the two regex operators. */
    public record LabelMatcher(String name, Op op, String value, Pattern regex) {
        public boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(name, "");
            return switch (op) {
                case EQUAL -> actual.equals(value);
                case NOT_EQUAL -> !actual.equals(value);
                case REGEX -> regex.matcher(actual).matches();
                case NOT_REGEX -> !regex.matcher(actual).matches();
            };
        }
    }

    private final List<LabelMatcher> matchers;

    private AlertMatchers(List<LabelMatcher> matchers) {
        this.matchers = List.copyOf(matchers);
    }

    /** Parses config matchers; throws {@link IllegalArgumentException} naming the offending one. */
    public static AlertMatchers parse(List<String> texts) {
        return new AlertMatchers(texts.stream().map(AlertMatchers::parseOne).toList());
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    /** True when every matcher matches; no matchers match every alert, as in Alertmanager's API. */
    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    static LabelMatcher parseOne(String text) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a matcher (name=\"value\", operators = != =~ !~): " + text);
        }
        String value = unescape(m.group(3), text);
        Op op = switch (m.group(2)) {
            case "=" -> Op.EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "=~" -> Op.REGEX;
            default -> Op.NOT_REGEX;
        };
        Pattern regex = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                regex = Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regex in matcher " + text + ": " + e.getDescription(), e);
            }
        }
        return new LabelMatcher(m.group(1), op, value, regex);
    }

    /**
     * Unescapes like Alertmanager's matcher parser: {@code \\}, {@code \"} and {@code \n} are escapes, any other
     * backslash stays literal (so {@code job=~"a\.b"} keeps its regex escape), a bare quote is an error.
     */
    private static String unescape(String quoted, String text) {
        StringBuilder sb = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException("unescaped quote inside the value of matcher " + text);
            }
            if (c != '\\' || i == quoted.length() - 1) {
                sb.append(c);
                continue;
            }
            char next = quoted.charAt(++i);
            switch (next) {
                case 'n' -> sb.append('\n');
                case '\\', '"' -> sb.append(next);
                default -> sb.append('\\').append(next);
            }
        }
        return sb.toString();
    }
}
