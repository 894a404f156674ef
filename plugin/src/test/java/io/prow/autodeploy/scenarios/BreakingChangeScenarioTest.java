package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The breaking-change guard end to end: Prow's source history in the fake GitHub, a deployed tag, and a bump whose
 * range does or does not change the announcements; oncall approves for one tag only; compare failures fail closed.
 */
class BreakingChangeScenarioTest {
    static final RepoRef PROW = TestRepo.PROW_SOURCE;
    static final String READY = "autodeploy/ready";
    static final String CONFIG = TestConfig.testInfra().breakingChanges(PROW.toString()).yaml();
    // Wednesday 2026-11-25 10:00 in Los Angeles: inside the window; the last deploy was a day earlier.
    private final ManualClock clock = ManualClock.at("2026-11-24T18:00:00Z");
    private PluginHarness h;
    private String deployed;

    @BeforeEach
    void start() throws Exception {
        h = new PluginHarness(clock, CONFIG);
        Bumps.seed(h.gh);
        deployed = TestRepo.testInfra(h.gh).prowCommit("20261124", "plank: fix a race", "pkg/plank/a.go");
        int first = Bumps.openGreen(h, deployed).number();
        h.gh.merge(PluginHarness.REPO, first);
        clock.set(Instant.parse("2026-11-25T18:00:00Z"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static String tag(String date, InMemoryGitHub.SourceCommit c) {
        return TestRepo.prowTag(date, c);
    }

    private InMemoryGitHub.SourceCommit announce(String message) {
        return h.gh.pushSourceCommit(PROW, message, List.of("ANNOUNCEMENTS.md", "pkg/hook/server.go"));
    }

    private InMemoryGitHub.SourceCommit plain(String message) {
        return h.gh.pushSourceCommit(PROW, message, List.of("pkg/deck/icon.svg"));
    }

    private PullRequest bump(String tag) throws Exception {
        PullRequest pr = Bumps.openGreen(h, tag);
        Bumps.opened(h, pr);
        h.settle();
        return pr;
    }

    private Comment comment(PullRequest pr, String author, String body) throws Exception {
        Comment c = h.gh.comment(pr.repo(), pr.number(), author, body);
        h.send("issue_comment", Payloads.issueComment(pr.repo(), pr.number(), true, c, "User"));
        h.settle();
        return c;
    }

    private List<Comment> botComments(PullRequest pr) {
        return h.gh.peekComments(pr.repo(), pr.number()).stream().filter(c -> c.author().equals("k8s-ci-robot"))
                .toList();
    }

    private List<String> labels(PullRequest pr) {
        return List.copyOf(h.gh.peek(pr.repo(), pr.number()).labels());
    }

    @Test
    void announcementsStopTheBumpUntilOncallApprovesThisTag() throws Exception {
        InMemoryGitHub.SourceCommit announced = announce("Breaking change: hook drops --old-flag");
        String next = tag("20261125", plain("deck: new icon"));
        PullRequest pr = bump(next);

        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Needs oncall: announcements changed between " + deployed + " and " + next);
        assertThat(h.gh.peekChecks(pr.repo(), h.gh.peek(pr.repo(), pr.number()).headSha()).get("autodeploy").url())
                .as("the status links to the compare view").contains("/compare/").contains("...");
        assertThat(labels(pr)).doesNotContain(READY);
        assertThat(botComments(pr)).singleElement().extracting(Comment::body).asString()
                .contains("**Deploy needs oncall**", "`ANNOUNCEMENTS.md`", announced.sha().substring(0, 7),
                        "Breaking change: hook drops --old-flag", "/approve-deploy",
                        "https://github.com/kubernetes-sigs/prow/compare/");

        // Redeliveries and sweeps neither repeat the notice nor ask GitHub to compare again.
        var log = h.gh.log();
        h.gh.resetCalls();
        Bumps.opened(h, pr);
        h.app.reconcileAll();
        h.settle();
        assertThat(h.gh.log()).isEqualTo(log);
        assertThat(h.gh.calls()).doesNotContainKey("compare");

        comment(pr, "bob", "/approve-deploy");
        assertThat(labels(pr)).as("bob is no oncall").doesNotContain(READY);

        Comment approval = comment(pr, "alice", "/approve-deploy migrated the hook flags as announced");
        assertThat(labels(pr)).contains(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying " + next + " (all gates open)");
        assertThat(botComments(pr).get(botComments(pr).size() - 1).body())
                .contains("@alice: approved deploying `" + next + "`", "migrated the hook flags as announced");

        log = h.gh.log();
        h.send("issue_comment", Payloads.issueComment(pr.repo(), pr.number(), true, approval, "User"));
        h.settle();
        assertThat(h.gh.log()).as("a redelivered approval writes nothing").isEqualTo(log);

        // The autobumper pushes a newer version to the same PR: the approval was for the other tag.
        String newer = tag("20261125", plain("plank: tidy"));
        Bumps.forcePush(h, pr, newer);
        PullRequest pushed = h.gh.peek(pr.repo(), pr.number());
        h.gh.setCheck(pr.repo(), pushed.headSha(), "pull-test-infra-unit", io.prow.autodeploy.github.Check.State.SUCCESS);
        h.send("pull_request", Payloads.pullRequest("synchronize", pushed));
        h.settle();
        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Needs oncall: announcements changed between " + deployed + " and " + newer);
        assertThat(labels(pr)).doesNotContain(READY);
        assertThat(botComments(pr)).filteredOn(c -> c.body().contains("**Deploy needs oncall**"))
                .as("one notice per range").hasSize(2);
    }

    @Test
    void aRangeWithoutAnnouncementsDeploysAndNeedsNoApproval() throws Exception {
        String next = tag("20261125", plain("deck: new icon"));
        PullRequest pr = bump(next);

        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying " + next + " (all gates open)");
        assertThat(botComments(pr)).isEmpty();

        comment(pr, "alice", "/approve-deploy");
        assertThat(botComments(pr)).singleElement().extracting(Comment::body).asString()
                .contains("nothing needs approval on [#" + pr.number() + "]",
                        "no announcements between " + deployed + " and " + next)
                .doesNotContain("autodeploy:approve-deploy");
    }

    @Test
    void aCommitMessageAloneClosesTheGuard() throws Exception {
        plain("ACTION REQUIRED: set plank.timeout before upgrading");
        String next = tag("20261125", plain("deck: new icon"));
        PullRequest pr = bump(next);
        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Needs oncall: announcements changed between " + deployed + " and " + next);
        assertThat(botComments(pr)).singleElement().extracting(Comment::body).asString()
                .contains("ACTION REQUIRED: set plank.timeout").doesNotContain("Files:");
    }

    @Test
    void compareFailuresFailClosedAndAreRetried() throws Exception {
        String next = tag("20261125", plain("deck: new icon"));
        h.gh.failNext("compare", 1, new GitHubException(502, "Bad Gateway"));
        PullRequest pr = bump(next);

        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Blocked: cannot compare " + deployed + ".." + next
                + ": GitHub answered 502");
        assertThat(labels(pr)).doesNotContain(READY);
        assertThat(h.app.scheduler.pending()).extracting(Map.Entry::getValue)
                .contains(Instant.parse("2026-11-25T18:01:00Z"));

        h.advanceTo("2026-11-25T18:01:00Z");
        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying " + next + " (all gates open)");
    }

    @Test
    void aTagNamingAnUnknownCommitFailsClosedUntilOncallApproves() throws Exception {
        String unknown = "v20261125-0000000dead";
        PullRequest pr = bump(unknown);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Blocked: cannot compare " + deployed + ".."
                + unknown + ": commit not found in kubernetes-sigs/prow");

        comment(pr, "alice", "/approve-deploy built from a fork, checked by hand");
        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying " + unknown + " (all gates open)");
    }
}
