package io.prow.autodeploy.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.commands.CommandRegistry;
import io.prow.autodeploy.commands.DeployNowCommand;
import io.prow.autodeploy.commands.HoldCommand;
import io.prow.autodeploy.commands.RollbackCommand;
import io.prow.autodeploy.commands.UnholdCommand;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Snapshots;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.WebhookEvent.IssueCommentEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On hook's request thread a comment is only scanned for a line that starts with {@code /} and a command word; the
 * command itself (arguments, code blocks, cancel before hold) is read on the worker. So the request thread's cost is
 * one plain pass over the body, and it may queue a comment that turns out to carry no command.
 */
class CommentRelevanceTest {
    private static final RepoConfig CONFIG = Snapshots.config();
    private static final CommandRegistry REGISTRY = new CommandRegistry(List.of(new UnholdCommand(null, null),
            new HoldCommand(null, null), new RollbackCommand(null, null, null, null, null, null, null),
            new DeployNowCommand(null, null)));
    private static final EventRouter ROUTER =
            new EventRouter(null, null, null, null, REGISTRY, null, null, null, null, null);

    record Case(String name, String body, boolean queued) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a hold", "/hold", true),
                new Case("a command on a later line", "hook is down\n/ROLLBACK", true),
                new Case("a malformed rollback (the worker answers with the usage)", "/rollback;v1", true),
                new Case("a word that starts like a command (the worker finds none)", "/holdx", true),
                new Case("a command in a fenced block (the worker decides)", "```\n/deploy-now\n```", true),
                new Case("the worst comment: /hold x, 65,520 spaces, y", "/hold x" + " ".repeat(65_520) + "y", true),
                new Case("no command", "LGTM, thanks", false),
                new Case("another plugin's command", "/lgtm\n/approve", false),
                new Case("mid-line", "please /hold", false),
                new Case("after U+2028 (not a line break)", "ok\u2028/hold cancel", false),
                new Case("after a lone CR (not a line break)", "ok\r/hold", false),
                new Case("indented", "  /hold", false),
                new Case("full-width slash", "\uFF0Fhold", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void queuesCommentsThatMayCarryACommand(Case c) {
        Comment comment = new Comment(7, "alice", c.body(), Instant.parse("2026-11-25T18:00:00Z"), "https://x/7");
        IssueCommentEvent e = new IssueCommentEvent(CONFIG.repo(), "created", 12, true, comment, false);

        Optional<String> key = ROUTER.keyIfRelevant(CONFIG, e);

        assertThat(key.isPresent()).isEqualTo(c.queued());
    }
}
