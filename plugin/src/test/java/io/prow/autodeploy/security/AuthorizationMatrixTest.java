package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.HOLD;
import static io.prow.autodeploy.reliability.DeployWorld.READY;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.reliability.DeployWorld;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command × every role, against the embedded default config (hold: org members; cancel and rollback: oncall
 * and repo admins), with one oncall user listed by login so that row means something. Each cell: the command is
 * carried out, refused with the one reply naming who may, or ignored without a word (bots, and our own login,
 * which is also the autobump PR's author).
 */
class AuthorizationMatrixTest {
    private static final String CONFIG = TestConfig.testInfra().oncallUsers("olivia").yaml();

    enum Outcome { DONE, REFUSED, IGNORED }

    /** Who comments, as GitHub sends it: login and user type. */
    record Role(String name, String login, String type) {
        @Override
        public String toString() {
            return name + " (@" + login + ")";
        }
    }

    static final Role ONCALL_TEAM = new Role("oncall team member", "alice", "User");
    static final Role ONCALL_USER = new Role("oncall listed user", "olivia", "User");
    static final Role ORG_MEMBER = new Role("org member", "bob", "User");
    static final Role REPO_ADMIN = new Role("repo admin", "carol", "User");
    static final Role COLLABORATOR = new Role("outside collaborator with write", "dan", "User");
    static final Role ANONYMOUS = new Role("non-member", "mallory", "User");
    static final Role BOT = new Role("bot account (org member)", "renovate[bot]", "Bot");
    static final Role PR_AUTHOR = new Role("PR author, the autobump bot", DeployWorld.BOT, "User");

    static final String HOLD_CMD = "/hold";
    static final String CANCEL_CMD = "/hold cancel";
    static final String ROLLBACK_CMD = "/rollback " + FIRST;

    static Stream<Arguments> matrix() {
        Object[][] table = {
            // role            /hold              /hold cancel       /rollback
            {ONCALL_TEAM,  Outcome.DONE,     Outcome.DONE,     Outcome.DONE},
            {ONCALL_USER,  Outcome.DONE,     Outcome.DONE,     Outcome.DONE},
            {ORG_MEMBER,   Outcome.DONE,     Outcome.REFUSED,  Outcome.REFUSED},
            {REPO_ADMIN,   Outcome.DONE,     Outcome.DONE,     Outcome.DONE},
            {COLLABORATOR, Outcome.REFUSED,  Outcome.REFUSED,  Outcome.REFUSED},
            {ANONYMOUS,    Outcome.REFUSED,  Outcome.REFUSED,  Outcome.REFUSED},
            {BOT,          Outcome.IGNORED,  Outcome.IGNORED,  Outcome.IGNORED},
            {PR_AUTHOR,    Outcome.IGNORED,  Outcome.IGNORED,  Outcome.IGNORED},
        };
        List<String> commands = List.of(HOLD_CMD, CANCEL_CMD, ROLLBACK_CMD);
        List<Arguments> cells = new ArrayList<>();
        for (Object[] row : table) {
            for (int c = 0; c < commands.size(); c++) {
                cells.add(Arguments.of(commands.get(c), row[0], row[c + 1]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("matrix")
    void commandByRole(String command, Role role, Outcome expected) throws Exception {
        ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
        InMemoryGitHub gh = DeployWorld.github(clock);
        gh.addOrgMember("kubernetes", BOT.login());
        try (PluginHarness h = new PluginHarness(clock, CONFIG, gh)) {
            int bump = DeployWorld.openBump(gh, DeployWorld.NEXT);
            h.send("pull_request", DeployWorld.opened(gh, bump));
            h.settle();
            if (command.equals(CANCEL_CMD)) {
                h.send("issue_comment", DeployWorld.comment(gh, bump, "alice", "/hold"));
                h.settle();
            }
            Set<String> labelsBefore = gh.peek(REPO, bump).labels();
            int repliesBefore = botComments(gh, bump).size();

            Comment asked = gh.comment(REPO, bump, role.login(), command);
            h.send("issue_comment", Payloads.issueComment(REPO, bump, true, asked, role.type()));
            h.settle();

            List<String> newReplies = botComments(gh, bump).stream().skip(repliesBefore)
                    .filter(c -> c.id() != asked.id()).map(Comment::body).toList(); // our login asked, in one row
            List<PullRequest> rollbacks = gh.peekAll(REPO).stream()
                    .filter(p -> p.headRef().startsWith("autodeploy/rollback-")).toList();
            switch (expected) {
                case DONE -> {
                    assertThat(newReplies).last().asString().startsWith("@" + role.login() + ": ")
                            .doesNotContain("only available to");
                    switch (command) {
                        case HOLD_CMD -> assertThat(gh.peek(REPO, bump).labels()).contains(HOLD).doesNotContain(READY);
                        case CANCEL_CMD -> assertThat(gh.peek(REPO, bump).labels()).contains(READY).doesNotContain(HOLD);
                        default -> assertThat(rollbacks).hasSize(1);
                    }
                }
                case REFUSED -> {
                    assertThat(newReplies).containsExactly("@" + role.login() + ": `" + name(command)
                            + "` is only available to " + whoMay(command) + ". Nothing was changed.\n\n"
                            + "<!-- autodeploy:reply-to=" + asked.id() + " refused=" + role.login() + " -->");
                    assertThat(gh.peek(REPO, bump).labels()).isEqualTo(labelsBefore);
                    assertThat(rollbacks).isEmpty();
                }
                case IGNORED -> {
                    assertThat(newReplies).isEmpty();
                    assertThat(gh.peek(REPO, bump).labels()).isEqualTo(labelsBefore);
                    assertThat(rollbacks).isEmpty();
                }
            }
        }
    }

    private static String name(String command) {
        return command.startsWith("/rollback") ? "/rollback" : command;
    }

    /** The refusal names the roles of the default config, in words. */
    private static String whoMay(String command) {
        return command.equals(HOLD_CMD) ? "members of the org, the oncall teams and users, repository admins"
                : "the oncall teams and users, repository admins";
    }

    private static List<Comment> botComments(InMemoryGitHub gh, int number) {
        return gh.peekComments(REPO, number).stream().filter(c -> c.author().equals(DeployWorld.BOT)).toList();
    }
}
