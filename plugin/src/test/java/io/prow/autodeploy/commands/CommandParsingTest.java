package io.prow.autodeploy.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.DeployHolds;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which command a comment carries, with Prow's hold regexes: cancel before hold, quotes and indented code ignored. */
class CommandParsingTest {
    private static final DeployHolds NO_HOLDS = new DeployHolds() {
        @Override
        public Optional<PullRequest> hold(RepoConfig config, String by, String reason) {
            return Optional.empty();
        }

        @Override
        public Optional<PullRequest> release(RepoConfig config, String by) {
            return Optional.empty();
        }
    };
    private static final Replies NO_REPLIES = (inv, text) -> {};
    private static final CommandRegistry REGISTRY = new CommandRegistry(List.of(
            new UnholdCommand(NO_HOLDS, NO_REPLIES), new HoldCommand(NO_HOLDS, NO_REPLIES)));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain hold", "/hold", "/hold [reason]", ""),
                Arguments.of("hold with reason", "/hold hook is down", "/hold [reason]", "hook is down"),
                Arguments.of("upper case", "/HOLD", "/hold [reason]", ""),
                Arguments.of("hold among text", "Prow broke.\n/hold\nthanks", "/hold [reason]", ""),
                Arguments.of("CRLF line endings", "ok\r\n/hold urgent\r\nbye", "/hold [reason]", "urgent"),
                Arguments.of("hold please is a reason", "/hold please", "/hold [reason]", "please"),
                Arguments.of("hold cancel", "/hold cancel", "/hold cancel", ""),
                Arguments.of("hold  cancel with spaces", "/hold   cancel", "/hold cancel", ""),
                Arguments.of("unhold", "/unhold", "/hold cancel", ""),
                Arguments.of("remove-hold", "/remove-hold", "/hold cancel", ""),
                Arguments.of("cancel wins over hold in one comment", "/hold\n/hold cancel", "/hold cancel", ""),
                Arguments.of("holdx is not a command", "/holdx", null, null),
                Arguments.of("mid-line is not a command", "please /hold", null, null),
                Arguments.of("quoted", "> /hold", null, null),
                // Prow's hold plugin reads code blocks like any text (issue 12: agree with it on what the label
                // does); see ProwHoldParityTest. Our own commands still skip fenced blocks.
                Arguments.of("fenced code: a hold, as for Prow", "```\n/hold\n```", "/hold [reason]", ""),
                Arguments.of("tilde fence: a cancel, as for Prow", "~~~\n/hold cancel\n~~~", "/hold cancel", ""),
                Arguments.of("reason stays on its line", "/hold  flaky e2e \r\nsecond line", "/hold [reason]",
                        "flaky e2e"),
                Arguments.of("cancel spans a line break, as RE2's \\s+", "/hold\ncancel\nthanks", "/hold cancel", ""),
                Arguments.of("leading blanks: not a command (Prow agrees)", "  /hold", null, null),
                Arguments.of("after U+2028: not a command", "looks fine\u2028/hold cancel", null, null),
                Arguments.of("indented code", "    /hold", null, null),
                Arguments.of("empty", "", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsTheCommand(String name, String body, String usage, String args) {
        List<CommandRegistry.Match> found = REGISTRY.find(body);
        if (usage == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(m -> {
                assertThat(m.command().spec().usage()).isEqualTo(usage);
                assertThat(m.args()).isEqualTo(args);
            });
        }
    }
}
