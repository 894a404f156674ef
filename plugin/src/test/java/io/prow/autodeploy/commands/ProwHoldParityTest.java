package io.prow.autodeploy.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our hold commands read a comment exactly as Prow's hold plugin does, so the label Prow's plugin sets or removes and
 * our hold never disagree silently. Prow's regexes (kubernetes-sigs/prow {@code pkg/plugins/hold/hold.go}):
 * {@code labelRe = (?mi)^/hold(\s.*)?$}, {@code labelCancelRe = (?mi)^/(remove-hold|hold\s+cancel|unhold)(\s.*)?$},
 * cancel checked first, on the raw comment body ({@code pkg/github/helpers.go} GeneralizeComment copies
 * {@code Comment.Body} unchanged: no CRLF normalisation, quotes and code blocks kept). Translated to java.util.regex
 * with the RE2 differences made explicit:
 * <ul>
 *   <li>line ends: in RE2 only {@code \n} ends a line for {@code ^}, {@code $} and {@code .}; Java also ends lines
 *       at {@code \r}, U+0085, U+2028, U+2029 unless UNIX_LINES {@code (?d)}: added;</li>
 *   <li>{@code \s}: RE2's is ASCII {@code [\t\n\f\r ]}; Java's adds {@code \x0B}: spelled out;</li>
 *   <li>{@code (?i)}: RE2 folds with Unicode simple folding, Java (without {@code (?u)}) ASCII only. They agree on
 *       these regexes: none of their letters has a non-ASCII fold partner ({@link #caseFoldingAddsNothingHere});</li>
 *   <li>{@code ^} in RE2 also matches after a final {@code \n}, Java's does not: no difference, {@code /} must
 *       follow.</li>
 * </ul>
 * RE2's {@code \s} matches {@code \n}, so {@code \s+} in {@code hold\s+cancel} spans lines: {@code "/hold\ncancel"}
 * releases a hold in Prow, and in ours.
 */
class ProwHoldParityTest {
    static final Pattern PROW_HOLD = Pattern.compile("(?dmi)^/hold([\\t\\n\\f\\r ].*)?$");
    static final Pattern PROW_CANCEL =
            Pattern.compile("(?dmi)^/(remove-hold|hold[\\t\\n\\f\\r ]+cancel|unhold)([\\t\\n\\f\\r ].*)?$");

    private static final CommandRegistry OURS = new CommandRegistry(List.of(
            new UnholdCommand(null, null), new HoldCommand(null, null)));

    enum Reading { HOLD, CANCEL, NOTHING }

    record Case(String name, String body, Reading expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                new Case("hold", "/hold", Reading.HOLD),
                new Case("upper case", "/HOLD", Reading.HOLD),
                new Case("hold with a reason", "/hold hook is down", Reading.HOLD),
                new Case("hold among lines", "Prow broke.\n/hold\nthanks", Reading.HOLD),
                new Case("CRLF", "ok\r\n/hold urgent\r\nbye", Reading.HOLD),
                new Case("CRLF right after the word", "/hold\r\n", Reading.HOLD),
                new Case("hold, tab, reason", "/hold\tbecause", Reading.HOLD),
                new Case("holdx is another word", "/holdx", Reading.NOTHING),
                new Case("hold; is another word for Prow", "/hold;now", Reading.NOTHING),
                new Case("mid-line", "please /hold", Reading.NOTHING),
                new Case("inline code", "use `/hold` to stop", Reading.NOTHING),
                new Case("quoted", "> /hold", Reading.NOTHING),
                new Case("quoted without a space", ">/hold", Reading.NOTHING),
                new Case("leading spaces", "  /hold", Reading.NOTHING),
                new Case("leading tab", "\t/hold", Reading.NOTHING),
                new Case("indented code", "    /hold", Reading.NOTHING),
                new Case("fenced code: Prow reads it", "```\n/hold\n```", Reading.HOLD),
                new Case("tilde fence: Prow reads it", "~~~\n/hold cancel\n~~~", Reading.CANCEL),
                new Case("cancel", "/hold cancel", Reading.CANCEL),
                new Case("cancel upper case", "/HOLD CANCEL", Reading.CANCEL),
                new Case("cancel with spaces", "/hold   cancel", Reading.CANCEL),
                new Case("cancel with a tab", "/hold\tcancel", Reading.CANCEL),
                new Case("cancel please", "/hold cancel please", Reading.CANCEL),
                new Case("cancel CRLF", "/hold cancel\r\nthanks", Reading.CANCEL),
                new Case("cancelled is a hold reason", "/hold cancelled", Reading.HOLD),
                new Case("cancel on the next line (RE2 \\s+ spans lines)", "/hold\ncancel", Reading.CANCEL),
                new Case("cancel after blank lines", "/hold \n\n cancel now", Reading.CANCEL),
                new Case("unhold", "/unhold", Reading.CANCEL),
                new Case("unhold with a reason", "/unhold reason", Reading.CANCEL),
                new Case("remove-hold", "/remove-hold", Reading.CANCEL),
                new Case("remove -    hold (Prow's test)", "/remove -    hold", Reading.NOTHING),
                new Case("removehold (Prow's test)", "/removehold", Reading.NOTHING),
                new Case("unholdx", "/unholdx", Reading.NOTHING),
                new Case("cancel wins over an earlier hold", "/hold\n/hold cancel", Reading.CANCEL),
                new Case("cancel wins over a later hold", "/unhold\n/hold", Reading.CANCEL),
                new Case("quoted cancel under a hold", "> /hold cancel\n/hold", Reading.HOLD),
                new Case("U+2028 does not start a line", "looks fine\u2028/hold cancel", Reading.NOTHING),
                new Case("U+2029 does not start a line", "looks fine\u2029/hold", Reading.NOTHING),
                new Case("U+0085 does not start a line", "looks fine\u0085/hold cancel", Reading.NOTHING),
                new Case("a lone CR does not start a line", "looks fine\r/hold cancel", Reading.NOTHING),
                new Case("U+2028 right after hold is not a space", "/hold\u2028cancel", Reading.NOTHING),
                new Case("U+2028 after cancel: the rest is a hold reason", "/hold cancel\u2028x", Reading.HOLD),
                new Case("vertical tab is not RE2's \\s", "/hold\u000Bcancel", Reading.NOTHING),
                new Case("full-width slash", "\uFF0Fhold cancel", Reading.NOTHING),
                new Case("zero-width space after the slash", "/\u200Bhold cancel", Reading.NOTHING),
                new Case("zero-width space before cancel", "/hold\u200Bcancel", Reading.NOTHING),
                new Case("NBSP before cancel", "/hold\u00A0cancel", Reading.NOTHING),
                new Case("Cyrillic a in cancel: a hold with a reason", "/hold c\u0430ncel", Reading.HOLD),
                new Case("Cyrillic shha for h", "/\u04BBold cancel", Reading.NOTHING),
                new Case("full-width letters", "/\uFF48old", Reading.NOTHING),
                new Case("byte order mark first", "\uFEFF/hold", Reading.NOTHING),
                new Case("empty", "", Reading.NOTHING));
    }

    static Reading prow(String body) {
        if (PROW_CANCEL.matcher(body).find()) {
            return Reading.CANCEL;
        }
        return PROW_HOLD.matcher(body).find() ? Reading.HOLD : Reading.NOTHING;
    }

    static Reading ours(String body) {
        List<CommandRegistry.Match> found = OURS.find(body);
        if (found.isEmpty()) {
            return Reading.NOTHING;
        }
        assertThat(found).as("one command per family").hasSize(1);
        return found.get(0).command() instanceof UnholdCommand ? Reading.CANCEL : Reading.HOLD;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void weReadTheCommentAsProwsHoldPluginDoes(Case c) {
        assertThat(prow(c.body())).as("Prow's hold plugin").isEqualTo(c.expected());
        assertThat(ours(c.body())).as("autodeploy").isEqualTo(c.expected());
    }

    @Test
    void caseFoldingAddsNothingHere() {
        // Non-ASCII code points whose case maps onto an ASCII letter: the only ones RE2's Unicode folding adds.
        Map<Integer, Character> foldsToAscii = new TreeMap<>();
        for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
            for (int other : new int[] {Character.toLowerCase(cp), Character.toUpperCase(cp)}) {
                if (other < 0x80 && Character.isLetter(other)) {
                    foldsToAscii.put(cp, Character.toLowerCase((char) other));
                }
            }
        }
        // Dotted and dotless i only by Java's case mappings (RE2's simple folding leaves i alone), Kelvin sign and
        // long s by both: none of them is a letter of Prow's hold commands.
        assertThat(foldsToAscii).isEqualTo(Map.of(0x0130, 'i', 0x0131, 'i', 0x017F, 's', 0x212A, 'k'));
        assertThat("remove-hold unhold hold cancel").doesNotContain("i", "k", "s");
    }
}
