package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import io.prow.autodeploy.testing.TestRepo;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A repo as busy as kubernetes/k8s.io: two autobump merges, then 1,000 other PRs closed. The history is found by
 * what it is (closed PRs from the autobump head), so the deployed version, pacing, the breaking-change guard's base
 * and {@code /rollback}'s default all still see the two deploys (issue 13).
 */
class BusyRepoHistoryTest {
    static final RepoRef PROW = TestRepo.PROW_SOURCE;
    static final String CONFIG = TestConfig.testInfra().breakingChanges(PROW.toString()).yaml();
    // Wednesday 2026-11-25: 09:30 in Los Angeles when the second bump merges, inside the window.
    private final ManualClock clock = ManualClock.at("2026-11-24T17:30:00Z");
    private PluginHarness h;
    private String first;
    private String second;
    private String next;

    @BeforeEach
    void start() throws Exception {
        h = new PluginHarness(clock, CONFIG);
        Bumps.seed(h.gh);
        TestRepo repo = TestRepo.testInfra(h.gh);
        first = repo.prowCommit("20261124", "plank: fix a race", "pkg/plank/a.go");
        h.gh.merge(PluginHarness.REPO, Bumps.openGreen(h, first).number());
        clock.set(Instant.parse("2026-11-25T17:30:00Z"));
        second = repo.prowCommit("20261125", "deck: icon", "pkg/deck/icon.svg");
        h.gh.merge(PluginHarness.REPO, Bumps.openGreen(h, second).number());
        next = repo.prowCommit("20261125", "hook: new flag", "ANNOUNCEMENTS.md");
        clock.set(Instant.parse("2026-11-25T17:40:00Z"));
        repo.otherWorkClosed(1_000);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void deployedVersionPacingGuardBaseAndRollbackDefaultSeeBothDeploys() throws Exception {
        PullRequest bump = Bumps.openGreen(h, next);
        Bumps.opened(h, bump);
        h.settle();

        var view = h.app.board.view(PluginHarness.REPO).orElseThrow();
        assertThat(view.deployed()).map(Deploy::tag).as("deployed version").contains(second);
        assertThat(view.openPr().orElseThrow().decision().results()).filteredOn(r -> r.gate().equals("pacing"))
                .singleElement().satisfies(r -> assertThat(r.reason()).as("pacing knows the deploy at 17:30")
                        .startsWith("Waiting: last deploy (" + second + ") under 1h ago"));

        h.advanceTo("2026-11-25T18:31:00Z");
        assertThat(Bumps.statusText(h, bump)).as("the guard compares from the deployed tag")
                .isEqualTo("PENDING Needs oncall: announcements changed between " + second + " and " + next);

        Comment c = h.gh.comment(PluginHarness.REPO, bump.number(), "alice", "/rollback");
        h.send("issue_comment", Payloads.issueComment(PluginHarness.REPO, bump.number(), true, c, "User"));
        h.settle();
        assertThat(h.gh.peekComments(PluginHarness.REPO, bump.number())).filteredOn(x -> x.author().equals("k8s-ci-robot"))
                .extracting(Comment::body).anySatisfy(body -> assertThat(body)
                        .contains("Prow back to `" + first + "` (from `" + second + "`)"));
    }
}
