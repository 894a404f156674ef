package io.prow.autodeploy.deploy.gates;

import java.time.Instant;
import java.util.List;

/**
 * The deploy gates, in the order a person would check them: is it ours, did anyone say stop, is it green, does
 * the last deploy run, did oncall read what changed in Prow, may we deploy now, may we deploy again already. The order decides which reason
 * the status shows first: a held PR says held (not which tests run), so CI reports on a held PR change no status. A failed test is retried once inside the window; oncall's /deploy-now opens the two time
 * gates once.
 */
public final class Gates {
    private final List<Gate> gates;

    public Gates(List<Gate> gates) {
        this.gates = List.copyOf(gates);
    }

    public static Gates standard() {
        return new Gates(List.of(
                new TrustedGate(),
                new HoldGate(),
                new RetryingTestsGate(new TestsGate()),
                new AlertGate(),
                new RolloutGate(),
                new BreakingChangeGate(),
                new DeployNowOverride(new WindowGate()),
                new DeployNowOverride(new PacingGate())));
    }

    public List<Gate> all() {
        return gates;
    }

    public Decision evaluate(Snapshot snapshot, Instant now) {
        return new Decision(gates.stream().map(g -> g.evaluate(snapshot, now)).toList(), snapshot.tag());
    }

    /**
     * Whether one of our markers could change the decision on {@code s} (read without markers) now: an approval
     * while the breaking-change guard is closed, a retest count while a required test failed, a {@code /deploy-now}
     * while the window or pacing is closed. The gates' rules, so the reader asks here instead of deciding itself.
     */
    public static boolean markersMatter(Snapshot s, Instant now) {
        if (!s.pr().open()) {
            return false;
        }
        boolean guardClosed = !new BreakingChangeGate().evaluate(s, now).open();
        boolean retryable = s.config().retest().max() > 0 && !FailedTests.of(s).isEmpty();
        boolean timeClosed = !new WindowGate().evaluate(s, now).open() || !new PacingGate().evaluate(s, now).open();
        return guardClosed || retryable || timeClosed;
    }
}
