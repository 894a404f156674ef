package io.prow.autodeploy.deploy.gates;

import java.time.Instant;

/**
 * The tests gate, telling that a failure is being retried: after our {@code /retest} on the head SHA and until
 * {@code retest.backoff} has passed, a failed required context reads "Retrying failed tests (1/1)" (Prow has not
 * reported the rerun yet), and the gate asks to be evaluated again when the backoff ends. Later, a failure that
 * stays says how often it was retried. {@code deploy.reconcile.FlakyRetrier} makes the retests.
 */
public final class RetryingTestsGate implements Gate {
    private final Gate tests;

    public RetryingTestsGate(Gate tests) {
        this.tests = tests;
    }

    @Override
    public String name() {
        return tests.name();
    }

    @Override
    public String description() {
        return tests.description() + " (a failure inside the window is retried with /retest)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        GateResult r = tests.evaluate(s, now);
        PrMarkers.Retests retests = s.markers().retests();
        if (r.open() || retests.count() == 0 || retests.last().isEmpty() || FailedTests.of(s).isEmpty()) {
            return r;
        }
        String tries = retests.count() + "/" + s.config().retest().max();
        Instant backoffEnds = retests.last().get().plus(s.config().retest().backoff());
        if (now.isBefore(backoffEnds)) {
            return GateResult.closedUntil(name(), "Retrying failed tests (" + tries + ")", backoffEnds);
        }
        return new GateResult(name(), false, r.reason() + " (retried " + tries + ")", r.opensAt());
    }
}
