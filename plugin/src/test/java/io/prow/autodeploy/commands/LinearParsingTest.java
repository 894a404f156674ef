package io.prow.autodeploy.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Anyone can comment, so reading a comment must cost time linear in its length whatever its shape: the old
 * argument regexes {@code (?:[ \t]+(.*?))?[ \t]*$} backtracked quadratically on {@code /hold x} + 65,520 spaces +
 * {@code y} (17.5 s of CPU). Counted in characters read, not in wall time (the timing is a bench row).
 */
class LinearParsingTest {
    /** GitHub's largest comment body. */
    static final int SIZE = 65_536;
    /** Reads per character allowed: every command word is tried at each line start, each char is read a few times. */
    static final int READS_PER_CHAR = 12;

    static final CommandRegistry ALL = new CommandRegistry(List.of(
            new UnholdCommand(null, null), new HoldCommand(null, null),
            new RollbackCommand(null, null, null, null, null, null, null),
            new ApproveDeployCommand(null, null), new DeployNowCommand(null, null)));

    record Shape(String name, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String fill(String head, String unit, String tail) {
        StringBuilder b = new StringBuilder(head);
        while (b.length() + unit.length() + tail.length() <= SIZE) {
            b.append(unit);
        }
        return b.append(tail).toString();
    }

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("hold, spaces, y", fill("/hold x", " ", "y")),
                new Shape("hold, tabs and spaces, y", fill("/hold x", "\t ", "y")),
                new Shape("hold, spaces, cancel", fill("/hold", " ", "cancel")),
                new Shape("hold, blank lines, cancel", fill("/hold", " \n", "cancel")),
                new Shape("hold lines", fill("", "/hold \n", "")),
                new Shape("almost-hold lines", fill("", "/hol\n", "")),
                new Shape("slash lines", fill("", "/\n", "")),
                new Shape("approve-deploy, spaces, y", fill("/approve-deploy x", " ", "y")),
                new Shape("deploy-now, spaces, y", fill("/deploy-now x", " ", "y")),
                new Shape("rollback, spaces, y", fill("/rollback ", " ", "y")),
                new Shape("fence lines", fill("", "```\n", "/hold")),
                new Shape("one long line", fill("/hold ", "x", "")),
                new Shape("no line breaks, U+2028", fill("ok", "\u2028/hold ", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void parsingReadsEachCharacterAFewTimes(Shape s) {
        assertThat(s.body().length()).isBetween(SIZE - 16, SIZE);
        CountingText text = new CountingText(s.body());

        ALL.find(text);

        assertThat(text.reads()).isLessThanOrEqualTo((long) READS_PER_CHAR * SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theRequestThreadsCheckReadsEachCharacterAtMostTwice(Shape s) {
        CountingText text = new CountingText(s.body());

        ALL.mayCarryCommand(text);

        assertThat(text.reads()).isLessThanOrEqualTo(2L * SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void argumentsAreCappedSoNoCommandCarriesAHugeText(Shape s) {
        assertThat(ALL.find(s.body())).allSatisfy(m -> assertThat(m.args().codePointCount(0, m.args().length()))
                .isLessThanOrEqualTo(CommandRegistry.MAX_ARGUMENT));
    }
}
