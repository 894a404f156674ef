package io.prow.autodeploy.deploy.gates;

import java.time.Instant;

/**
 * A time gate (window, pacing) that oncall's {@code /deploy-now} opens for one head SHA: an urgent fix need not
 * wait for working hours or the interval. Every other gate still applies. The override is a marker comment bound
 * to the SHA, so a new push ends it.
 */
public final class DeployNowOverride implements Gate {
    private final Gate inner;

    public DeployNowOverride(Gate inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String description() {
        return inner.description() + " (oncall may skip it once with /deploy-now)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        GateResult r = inner.evaluate(s, now);
        if (r.open()) {
            return r;
        }
        return s.markers().deployNow().filter(d -> d.sha().equals(s.pr().headSha()))
                .map(d -> GateResult.open(name(), "skipped once by /deploy-now from @" + d.by()))
                .orElse(r);
    }
}
