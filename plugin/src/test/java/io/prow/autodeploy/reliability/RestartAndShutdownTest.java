package io.prow.autodeploy.reliability;

import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.HOLD;
import static io.prow.autodeploy.reliability.DeployWorld.READY;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A process that dies half way through a rollback, and one that is asked to stop while it works. */
class RestartAndShutdownTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");

    private List<PullRequest> rollbackPrs(InMemoryGitHub gh) {
        return gh.peekAll(REPO).stream().filter(p -> p.headRef().startsWith("autodeploy/rollback-")).toList();
    }

    private List<Comment> botComments(InMemoryGitHub gh, int number) {
        return gh.peekComments(REPO, number).stream().filter(c -> c.author().equals(DeployWorld.BOT)).toList();
    }

    @Test
    void aRollbackCutBetweenBranchAndPrIsCompletedByANewProcessWithoutDuplicates() throws Exception {
        InMemoryGitHub gh = DeployWorld.github(clock);
        int bump;
        String rollback;
        try (PluginHarness first = new PluginHarness(clock, PluginHarness.defaultConfig(), gh)) {
            bump = Flow.deployed(first);
            // Every try of this process fails to open the PR: the branch is there, the PR is not.
            gh.failNext("createPullRequest", 4, new GitHubException(502, "Bad Gateway"));
            rollback = DeployWorld.comment(gh, bump, "alice", "/rollback " + FIRST);
            first.send("issue_comment", rollback);
            first.settle();
            assertThat(gh.peekBranches(REPO)).contains("autodeploy/rollback-" + FIRST);
            assertThat(rollbackPrs(gh)).isEmpty();
            assertThat(botComments(gh, bump)).last().extracting(Comment::body).asString()
                    .contains("could not be completed because GitHub gave an error (502)");
        } // the process is gone; GitHub is all that is left

        try (PluginHarness second = new PluginHarness(clock, PluginHarness.defaultConfig(), gh)) {
            second.send("issue_comment", rollback); // hook redelivers the comment to the new process
            second.settle();
            second.send("issue_comment", DeployWorld.comment(gh, bump, "alice", "/rollback " + FIRST));
            second.settle();

            assertThat(rollbackPrs(gh)).singleElement().satisfies(pr -> {
                assertThat(pr.open()).isTrue();
                assertThat(pr.labels()).containsExactly(READY);
            });
            assertThat(gh.peekBranches(REPO)).containsExactlyInAnyOrder("master", "autodeploy/rollback-" + FIRST);
            assertThat(gh.peek(REPO, bump).labels()).containsExactly(HOLD);
            List<String> bodies = botComments(gh, bump).stream().map(Comment::body).toList();
            assertThat(bodies).filteredOn(b -> b.contains("autodeploy:hold by=")).hasSize(1);
            // One comment per command: the hold's record is in the first reply, no comment of its own.
            assertThat(bodies).as("one reply per comment, the first one edited from failure to success").hasSize(2)
                    .filteredOn(b -> b.contains("to roll Prow back to") || b.contains("rolls Prow back to"))
                    .hasSize(2);
            assertThat(gh.log()).filteredOn(l -> l.contains(" opened \"Roll back Prow")).hasSize(1);
        }
    }

    /** Blocks every {@code pullRequest} read until {@code go} opens: work that is in flight. */
    private static GitHub blocking(GitHub gh, CountDownLatch inside, CountDownLatch go) {
        return (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("pullRequest")) {
                        inside.countDown();
                        go.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return m.invoke(gh, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void closeRefusesNewDeliveriesWith503AndFinishesTheWorkInFlight() throws Exception {
        InMemoryGitHub gh = DeployWorld.github(clock);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        PluginApp.Settings settings = PluginApp.Settings.forTests();
        PluginHarness h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh, port -> blocking(port, inside, go),
                new AlertSource(new AlertmanagerClient()), new PluginApp.Settings(settings.host(), 0, 0, -1,
                settings.maxBodyBytes(), "", 2, 100, Duration.ofSeconds(20)));
        int n = DeployWorld.openBump(gh, DeployWorld.NEXT);
        assertThat(h.send("pull_request", DeployWorld.opened(gh, n))).isEqualTo(200);
        assertThat(inside.await(10, TimeUnit.SECONDS)).as("the decision is in flight").isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(h::close);
        int during = 0;
        for (int i = 0; i < 500 && during != 503; i++) {
            during = h.send("status", DeployWorld.status(gh, n, "success"));
        }
        assertThat(during).as("a delivery while draining").isEqualTo(503);
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + h.app.healthPort() + "/healthz/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as("not ready while draining, so the Service stops routing here")
                .isEqualTo(503);
        assertThat(closing).isNotDone();

        go.countDown();
        closing.get(15, TimeUnit.SECONDS);

        assertThat(gh.peek(REPO, n).labels()).as("the work in flight finished").contains(READY);
    }
}
