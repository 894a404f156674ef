package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.closedUntil;
import static io.prow.autodeploy.deploy.gates.GateCase.la;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.SHA;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;

import io.prow.autodeploy.github.Check;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The two wrappers: /deploy-now opening the time gates once, and the tests gate telling a retry is under way. */
class OverrideGatesTest {
    static final Instant FRIDAY_6PM = la("2026-11-27T18:00");

    static PrMarkers deployNow(String sha) {
        return new PrMarkers(true, Optional.empty(), Optional.of(new PrMarkers.DeployNow("alice", "fix", sha, 9)),
                PrMarkers.Retests.NONE, false);
    }

    static PrMarkers retested(int count, Instant last) {
        return new PrMarkers(true, Optional.empty(), Optional.empty(),
                new PrMarkers.Retests(count, Optional.of(last)), false);
    }

    static Stream<GateCase> windowCases() {
        return Stream.of(
                closedUntil("outside hours, no override", autobump().build(), FRIDAY_6PM,
                        "Waiting: outside deploy hours, opens Mon Nov 30 09:00 America/Los_Angeles",
                        la("2026-11-30T09:00")),
                open("outside hours, /deploy-now for the head SHA", autobump().markers(deployNow(SHA)).build(),
                        FRIDAY_6PM, "skipped once by /deploy-now from @alice"),
                closedUntil("an override for an older SHA ended with the push", autobump()
                        .markers(deployNow("1111111111111111111111111111111111111111")).build(), FRIDAY_6PM,
                        "Waiting: outside deploy hours, opens Mon Nov 30 09:00 America/Los_Angeles",
                        la("2026-11-30T09:00")),
                open("inside hours the inner reason stays", autobump().markers(deployNow(SHA)).build(), FRIDAY_10AM,
                        "inside the deploy window"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windowCases")
    void deployNowOpensTheWindowOnce(GateCase c) {
        c.verify(new DeployNowOverride(new WindowGate()));
    }

    static Stream<GateCase> pacingCases() {
        return Stream.of(
                open("/deploy-now skips pacing too", autobump().lastDeploy("v20261126-0123456", la("2026-11-27T09:30"))
                        .markers(deployNow(SHA)).build(), FRIDAY_10AM, "skipped once by /deploy-now from @alice"),
                closedUntil("without it pacing holds", autobump().lastDeploy("v20261126-0123456",
                        la("2026-11-27T09:30")).build(), FRIDAY_10AM, "Waiting: last deploy (v20261126-0123456) under "
                        + "1h ago, opens Fri Nov 27 10:30 America/Los_Angeles", la("2026-11-27T10:30")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pacingCases")
    void deployNowSkipsPacing(GateCase c) {
        c.verify(new DeployNowOverride(new PacingGate()));
    }

    static Stream<GateCase> testCases() {
        Instant retestAt = FRIDAY_10AM.minus(Duration.ofMinutes(5));
        return Stream.of(
                closed("failed, no retest yet", autobump().check("e2e", Check.State.FAILURE).build(), FRIDAY_10AM,
                        "Waiting: tests failed: e2e"),
                closedUntil("failed, retest made 5m ago: retrying until the backoff ends", autobump()
                        .check("e2e", Check.State.FAILURE).markers(retested(1, retestAt)).build(), FRIDAY_10AM,
                        "Retrying failed tests (1/1)", retestAt.plus(Duration.ofMinutes(15))),
                closed("still failed after the backoff: says it was retried", autobump()
                        .check("e2e", Check.State.FAILURE).markers(retested(1, retestAt)).build(),
                        retestAt.plus(Duration.ofMinutes(15)), "Waiting: tests failed: e2e (retried 1/1)"),
                closed("the rerun is running: the inner reason", autobump().check("e2e", Check.State.PENDING)
                        .markers(retested(1, retestAt)).build(), FRIDAY_10AM, "Waiting: tests not finished on 0123456"),
                open("green after the retest", autobump().markers(retested(1, retestAt)).build(), FRIDAY_10AM,
                        "tests green"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testCases")
    void retriesAreShown(GateCase c) {
        c.verify(new RetryingTestsGate(new TestsGate()));
    }
}
