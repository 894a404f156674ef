package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.alerts.AlertState;
import io.prow.autodeploy.text.Clip;
import java.time.Instant;
import java.time.ZoneId;

/** No matching alert fires in Alertmanager; not knowing counts as firing unless configured otherwise. */
public final class AlertGate implements Gate {
    public static final String NAME = "alerts";
    private static final String BLOCKED = "Blocked: alert ";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "no matching alert is firing in Alertmanager (fails closed when Alertmanager cannot be asked)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        AlertState a = s.alerts();
        ZoneId zone = s.config().window().timezone();
        return switch (a.status()) {
            case DISABLED -> GateResult.open(NAME, "no Alertmanager configured");
            case QUIET -> GateResult.open(NAME, "no alert firing");
            case FIRING -> {
                AlertState.FiringAlert first = a.firing().get(0);
                String more = a.firing().size() > 1 ? " (+" + (a.firing().size() - 1) + " more)" : "";
                // Day, time and zone as the window and pacing gates write them: an alert may have fired yesterday.
                // The name is cut, not the start, when the text would pass a status' 140 characters.
                String since = " firing since " + WindowGate.format(first.startsAt(), zone) + more;
                yield GateResult.closed(NAME, BLOCKED
                        + Clip.withEllipsis(first.name(), Decision.STATUS_MAX - BLOCKED.length() - since.length()) + since);
            }
            case UNKNOWN -> s.config().alerts().openWhenUnreachable()
                    ? GateResult.open(NAME, "Alertmanager unreachable, configured open")
                    : GateResult.closed(NAME, "Blocked: Alertmanager unreachable");
        };
    }
}
