package io.prow.autodeploy.reliability;

import static io.prow.autodeploy.reliability.DeployWorld.READY;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerException;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import io.prow.autodeploy.testing.TestConfig;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * When an input a gate needs cannot be read (a GitHub read failing in any way, Alertmanager unreachable), the plugin
 * never adds the merge label. Many randomized rounds with a fixed seed: each round the autobumper replaces the bump
 * with a new green one that would deploy, one input is made unknown for the whole round, and a random event or timer
 * asks for a decision. Once the input is back, the same bump deploys, which shows each round could have caught a
 * label added too early.
 */
class FailSafeTest {
    private static final long SEED = 20261125L;
    private static final int ROUNDS = 120;
    private static final List<String> READS = List.of("pullRequest", "changedFiles", "checks", "pullRequests");
    private static final List<GitHubException> FAULTS = List.of(
            new GitHubException(500, "Internal Server Error"),
            new GitHubException(502, "Bad Gateway"),
            new GitHubException(0, "Connection reset", null, null),
            new GitHubException(403, "You have exceeded a secondary rate limit", CallFaults.RETRY_AFTER, null),
            new GitHubException(422, "Validation Failed"));
    private static final String CONFIG = TestConfig.testInfra()
            .alertmanager("http://alertmanager.monitoring:9093", "severity=\"critical\"").yaml();

    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final AtomicBoolean alertmanagerDown = new AtomicBoolean();

    private AlertSource alerts() {
        return new AlertSource((url, matchers, timeout) -> {
            if (alertmanagerDown.get()) {
                throw new AlertmanagerException("connect to " + url + " refused");
            }
            return List.of();
        }, () -> clock.instant().toEpochMilli() * 1_000_000L, AlertSource.DEFAULT_UNKNOWN_TTL);
    }

    @Test
    void neverAddsMergeLabelsWhileAGateInputIsUnknown() throws Exception {
        Random random = new Random(SEED);
        InMemoryGitHub gh = DeployWorld.github(clock);
        try (PluginHarness h = new PluginHarness(clock, CONFIG, gh, port -> port, alerts(),
                PluginApp.Settings.forTests())) {
            int bump = 0;
            for (int round = 0; round < ROUNDS; round++) {
                if (bump != 0) {
                    gh.close(REPO, bump);
                }
                bump = DeployWorld.openBump(gh, String.format("v20261125-%010x", round));
                // A minute per round: cached alert answers expire, so "down" really means unknown.
                clock.advance(Duration.ofMinutes(1));
                int pick = random.nextInt(READS.size() + 1);
                String unknown = pick < READS.size() ? READS.get(pick) : "alertmanager";
                if (unknown.equals("alertmanager")) {
                    alertmanagerDown.set(true);
                } else {
                    gh.failNext(unknown, Integer.MAX_VALUE, FAULTS.get(random.nextInt(FAULTS.size())));
                }
                String how = decide(h, gh, bump, random.nextInt(4));

                assertThat(gh.peek(REPO, bump).labels()).as("round %d: %s unknown, asked by %s", round, unknown, how)
                        .doesNotContain(READY);
                String added = "#" + bump + " label +" + READY;
                assertThat(gh.log()).as("round %d", round).doesNotContain(added);

                alertmanagerDown.set(false);
                gh.failNext(unknown, 0, FAULTS.get(0));
                clock.advance(Duration.ofSeconds(AlertSource.DEFAULT_UNKNOWN_TTL.toSeconds() + 1));
                h.send("pull_request", DeployWorld.opened(gh, bump));
                h.settle();
                assertThat(gh.peek(REPO, bump).labels()).as("round %d: deploys once %s is back", round, unknown)
                        .contains(READY);
            }
        }
    }

    /** Asks for a decision one of the ways production does; returns which, for the failure message. */
    private String decide(PluginHarness h, InMemoryGitHub gh, int bump, int how) throws Exception {
        switch (how) {
            case 0 -> h.send("pull_request", DeployWorld.opened(gh, bump));
            case 1 -> h.send("status", DeployWorld.status(gh, bump, "success"));
            case 2 -> h.app.reconcileAll();
            default -> {
                h.send("pull_request", Payloads.pullRequest("labeled", gh.peek(REPO, bump)));
                h.settle();
                clock.advance(Duration.ofSeconds(90)); // the retry wake-up comes due, and still fails
            }
        }
        h.settle();
        return List.of("opened event", "status event", "periodic sweep", "retry wake-up").get(how);
    }
}
