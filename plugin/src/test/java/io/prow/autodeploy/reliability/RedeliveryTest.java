package io.prow.autodeploy.reliability;

import static io.prow.autodeploy.reliability.DeployWorld.READY;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestRepo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same delivery twice, events out of order, a burst for one PR: the end state of one clean delivery. */
class RedeliveryTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");

    private PluginHarness harness() throws Exception {
        return new PluginHarness(clock, PluginHarness.defaultConfig(), DeployWorld.github(clock));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flow.class)
    void theSameDeliveryTwiceChangesNothingTheSecondTime(Flow flow) throws Exception {
        try (PluginHarness h = harness()) {
            Flow.Delivery d = flow.prepare(h);
            Map<String, String> sameGuid = Map.of("X-GitHub-Delivery", "redelivered-" + flow);
            h.post(d.eventType(), d.body(), sameGuid);
            h.settle();
            EndState once = EndState.of(h.gh);
            List<String> log = h.gh.log();

            assertThat(h.post(d.eventType(), d.body(), sameGuid).statusCode()).isEqualTo(200);
            h.settle();

            assertThat(h.gh.log()).as("no mutation on redelivery").isEqualTo(log);
            assertThat(EndState.of(h.gh)).isEqualTo(once);
        }
    }

    @Test
    void aLateHoldRedeliveredAfterTheCancelDoesNotHoldAgain() throws Exception {
        try (PluginHarness h = harness()) {
            int n = Flow.deployed(h);
            String hold = DeployWorld.comment(h.gh, n, "alice", "/hold");
            h.send("issue_comment", hold);
            h.settle();
            h.send("issue_comment", DeployWorld.comment(h.gh, n, "alice", "/hold cancel"));
            h.settle();

            h.send("issue_comment", hold);
            h.settle();

            assertThat(h.gh.peek(REPO, n).labels()).contains(READY).doesNotContain(DeployWorld.HOLD);
        }
    }

    @Test
    void eventsForOnePrOutOfOrderEndAsTheirLatestState() throws Exception {
        try (PluginHarness h = harness()) {
            int n = DeployWorld.openBump(h.gh, DeployWorld.NEXT);
            PullRequest first = h.gh.peek(REPO, n);
            String opened = Payloads.pullRequest("opened", first);
            String firstGreen = Payloads.status(REPO, first.headSha(), "pull-test-infra-unit", "success");
            // The autobumper force-pushes a newer tag; its tests are still running.
            String newSha = TestRepo.testInfra(h.gh).forcePushBump(n, "v20261125-9e8d7c6b5a");
            h.gh.setCheck(REPO, newSha, "pull-test-infra-unit", Check.State.PENDING);
            String synchronize = Payloads.pullRequest("synchronize", h.gh.peek(REPO, n));

            // Delivered newest first, the oldest last: a stale "opened" and a stale green status.
            h.send("pull_request", synchronize);
            h.send("status", Payloads.status(REPO, newSha, "pull-test-infra-unit", "pending"));
            h.send("status", firstGreen);
            h.send("pull_request", opened);
            h.settle();

            PullRequest now = h.gh.peek(REPO, n);
            assertThat(now.labels()).doesNotContain(READY);
            assertThat(h.gh.peekChecks(REPO, newSha).get("autodeploy").description())
                    .isEqualTo("Waiting: tests not finished on " + newSha.substring(0, 7));
            assertThat(h.gh.log()).noneMatch(l -> l.contains("label +" + READY));
        }
    }

    @Test
    void fiftyEventsForOnePrInABurstEndAsOneDelivery() throws Exception {
        EndState clean;
        try (PluginHarness h = harness()) {
            int n = DeployWorld.openBump(h.gh, DeployWorld.NEXT);
            h.send("pull_request", DeployWorld.opened(h.gh, n));
            h.settle();
            clean = EndState.of(h.gh);
        }
        try (PluginHarness h = harness()) {
            int n = DeployWorld.openBump(h.gh, DeployWorld.NEXT);
            List<String[]> burst = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                burst.add(switch (i % 5) {
                    case 0 -> new String[] {"pull_request", DeployWorld.opened(h.gh, n)};
                    case 1 -> new String[] {"status", DeployWorld.status(h.gh, n, "success")};
                    case 2 -> new String[] {"pull_request", Payloads.pullRequest("labeled", h.gh.peek(REPO, n))};
                    case 3 -> new String[] {"status", Payloads.status(REPO, h.gh.peek(REPO, n).headSha(), "tide",
                            "pending")};
                    default -> new String[] {"pull_request", Payloads.pullRequest("edited", h.gh.peek(REPO, n))};
                });
            }
            List<CompletableFuture<Integer>> sent = burst.stream().map(e -> CompletableFuture.supplyAsync(() -> {
                try {
                    return h.send(e[0], e[1]);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            })).toList();
            assertThat(sent.stream().map(CompletableFuture::join)).containsOnly(200);
            h.settle();

            assertThat(EndState.of(h.gh)).isEqualTo(clean);
            assertThat(h.gh.log()).filteredOn(l -> l.contains("label +" + READY)).hasSize(1);
            assertThat(h.gh.log()).filteredOn(l -> l.startsWith("status autodeploy=")).hasSize(1);
        }
    }
}
