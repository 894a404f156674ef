package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Oncall's /deploy-now lets the current head deploy outside the window once; tests and holds still apply. */
class DeployNowScenarioTest {
    static final String READY = "autodeploy/ready";
    // Wednesday 2026-11-25 06:00 in Los Angeles: before the window opens at 09:00.
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T14:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;

    private Comment comment(int number, boolean onPr, String author, String body) throws Exception {
        Comment c = h.gh.comment(PluginHarness.REPO, number, author, body);
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, number, onPr, c, "User"));
        h.settle();
        return c;
    }

    private List<String> labels(PullRequest pr) {
        return List.copyOf(h.gh.peek(pr.repo(), pr.number()).labels());
    }

    private double counted() {
        return h.app.metrics.deployNow.labelValues(PluginHarness.REPO.toString()).get();
    }

    @Test
    void skipsTheWindowOnceForThisHeadAndIsCountedOnce() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Waiting: outside deploy hours, opens Wed Nov 25 09:00 America/Los_Angeles");

        comment(pr.number(), true, "bob", "/deploy-now");
        assertThat(labels(pr)).as("bob is no oncall").doesNotContain(READY);

        Comment now = comment(pr.number(), true, "alice", "/deploy-now hook is crashlooping, this bump fixes it");
        assertThat(labels(pr)).contains(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("SUCCESS Deploying v20261125-1a2b3c4d5e (all gates open)");
        assertThat(counted()).isEqualTo(1.0);
        assertThat(h.app.scheduler.pending()).as("no wake-up at 'now' over and over for a deploy outside the window")
                .noneMatch(e -> !e.getValue().isAfter(clock.instant()));

        var log = h.gh.log();
        h.send("issue_comment", Payloads.issueComment(pr.repo(), pr.number(), true, now, "User"));
        h.settle();
        assertThat(h.gh.log()).as("redelivered: nothing written").isEqualTo(log);
        assertThat(counted()).isEqualTo(1.0);

        // A new push is a new head: the override ended with it.
        String tag = "v20261125-9f8e7d6c5b";
        Bumps.forcePush(h, pr, tag);
        PullRequest pushed = h.gh.peek(pr.repo(), pr.number());
        h.gh.setCheck(pr.repo(), pushed.headSha(), "pull-test-infra-unit", Check.State.SUCCESS);
        h.send("pull_request", Payloads.pullRequest("synchronize", pushed));
        h.settle();
        assertThat(labels(pr)).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr))
                .isEqualTo("PENDING Waiting: outside deploy hours, opens Wed Nov 25 09:00 America/Los_Angeles");
    }

    @Test
    void stillNeedsGreenTestsAndNoHold() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        h.gh.setCheck(pr.repo(), pr.headSha(), "pull-test-infra-unit", Check.State.PENDING);
        Bumps.opened(h, pr);
        h.settle();

        comment(pr.number(), true, "alice", "/deploy-now");
        assertThat(labels(pr)).doesNotContain(READY);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Waiting: tests not finished on " + pr.headSha().substring(0, 7));

        comment(pr.number(), true, "alice", "/hold wait, not yet");
        h.gh.setCheck(pr.repo(), pr.headSha(), "pull-test-infra-unit", Check.State.SUCCESS);
        h.send("status", Payloads.status(pr.repo(), pr.headSha(), "pull-test-infra-unit", "success"));
        h.settle();
        assertThat(labels(pr)).doesNotContain(READY);

        comment(pr.number(), true, "alice", "/hold cancel");
        assertThat(labels(pr)).contains(READY);
    }

    @Test
    void fromAnIssueItActsOnTheOpenBumpAndStoresTheOverrideThere() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();

        Comment asked = comment(900, false, "alice", "/deploy-now");
        assertThat(labels(pr)).contains(READY);
        assertThat(h.gh.peekComments(pr.repo(), 900)).filteredOn(c -> c.author().equals("k8s-ci-robot"))
                .singleElement().extracting(Comment::body).asString()
                .contains("[#" + pr.number() + "](" + pr.htmlUrl() + ")").doesNotContain("autodeploy:deploy-now");

        var log = h.gh.log();
        h.send("issue_comment", Payloads.issueComment(pr.repo(), 900, false, asked, "User"));
        h.settle();
        assertThat(h.gh.log()).as("no second marker on the PR").isEqualTo(log);
    }

    @Test
    void withoutAnOpenBumpThereIsNothingToDeploy() throws Exception {
        comment(900, false, "alice", "/deploy-now");
        assertThat(h.gh.peekComments(PluginHarness.REPO, 900)).filteredOn(c -> c.author().equals("k8s-ci-robot"))
                .singleElement().extracting(Comment::body).asString()
                .contains("there is no open autobump PR; nothing to deploy.");
        assertThat(counted()).isZero();
    }
}
