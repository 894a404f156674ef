package io.prow.autodeploy.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failed test of the autobump PR inside the window gets one /retest per head SHA, however often events repeat. */
class FlakyRetryScenarioTest {
    static final String UNIT = "pull-test-infra-unit";
    // Wednesday 2026-11-25 10:00 in Los Angeles: inside the window.
    @RegisterExtension
    final SeededPlugin plugin = new SeededPlugin("2026-11-25T18:00:00Z");
    private final ManualClock clock = plugin.clock;
    private final PluginHarness h = plugin.h;

    private PullRequest now(PullRequest pr) {
        return h.gh.peek(pr.repo(), pr.number());
    }

    private List<Comment> retests(PullRequest pr) {
        return h.gh.peekComments(pr.repo(), pr.number()).stream()
                .filter(c -> c.author().equals("k8s-ci-robot") && c.body().startsWith("/retest\n")).toList();
    }

    private void ci(PullRequest pr, Check.State state) throws Exception {
        String sha = now(pr).headSha();
        h.gh.setCheck(pr.repo(), sha, UNIT, state);
        h.send("status", Payloads.status(pr.repo(), sha, UNIT, state.name().toLowerCase()));
        h.settle();
    }

    private PullRequest failing(String tag) throws Exception {
        PullRequest pr = Bumps.openGreen(h, tag);
        h.gh.setCheck(pr.repo(), pr.headSha(), UNIT, Check.State.FAILURE);
        Bumps.opened(h, pr);
        h.settle();
        return pr;
    }

    @Test
    void oneRetestPerHeadShaThenTheFailureStandsUntilANewPush() throws Exception {
        PullRequest pr = failing("v20261125-1a2b3c4d5e");

        assertThat(retests(pr)).singleElement().extracting(Comment::body).asString()
                .contains("Retrying failed tests (1/1) on " + pr.headSha().substring(0, 7) + ": " + UNIT);
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Retrying failed tests (1/1)");

        // Redelivered and repeated events, a sweep, and events racing each other: still one /retest.
        String failure = Payloads.status(pr.repo(), pr.headSha(), UNIT, "failure");
        CompletableFuture<?>[] sends = new CompletableFuture<?>[12];
        for (int i = 0; i < sends.length; i++) {
            sends[i] = CompletableFuture.runAsync(() -> {
                try {
                    h.send("status", failure);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        CompletableFuture.allOf(sends).join();
        Bumps.opened(h, pr);
        h.app.reconcileAll();
        h.settle();
        assertThat(retests(pr)).hasSize(1);

        ci(pr, Check.State.PENDING); // Prow reran the failed job
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Waiting: tests not finished on " + pr.headSha().substring(0, 7));
        ci(pr, Check.State.FAILURE); // and it failed again: no second retest for this SHA (max 1)
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Retrying failed tests (1/1)");
        h.advanceTo("2026-11-25T18:15:00Z"); // the backoff ends: the status says what happened
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Waiting: tests failed: " + UNIT + " (retried 1/1)");
        assertThat(retests(pr)).hasSize(1);

        // A new push resets the count.
        String tag = "v20261125-9f8e7d6c5b";
        Bumps.forcePush(h, pr, tag);
        h.gh.setCheck(pr.repo(), now(pr).headSha(), UNIT, Check.State.FAILURE);
        h.send("pull_request", Payloads.pullRequest("synchronize", now(pr)));
        h.settle();
        assertThat(retests(pr)).hasSize(2);
        assertThat(retests(pr).get(1).body()).contains("on " + now(pr).headSha().substring(0, 7));
    }

    @Test
    void outsideTheWindowNothingIsRetried() throws Exception {
        clock.set(Instant.parse("2026-11-26T03:00:00Z")); // Wednesday 19:00 in Los Angeles
        PullRequest pr = failing("v20261125-1a2b3c4d5e");
        assertThat(retests(pr)).isEmpty();
        assertThat(Bumps.statusText(h, pr)).isEqualTo("PENDING Waiting: tests failed: " + UNIT);
    }

    @Test
    void aHeldBumpIsNotRetried() throws Exception {
        PullRequest pr = Bumps.openGreen(h, "v20261125-1a2b3c4d5e");
        Bumps.opened(h, pr);
        h.settle();
        Comment hold = h.gh.comment(pr.repo(), pr.number(), "alice", "/hold");
        h.send("issue_comment", Payloads.issueComment(pr.repo(), pr.number(), true, hold, "User"));
        h.settle();
        ci(pr, Check.State.FAILURE);
        assertThat(retests(pr)).isEmpty();
    }
}
