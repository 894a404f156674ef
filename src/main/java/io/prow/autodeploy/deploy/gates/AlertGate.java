package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.alerts.AlertState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** No matching alert fires in Alertmanager; not knowing counts as firing unless configured otherwise. */
public final class AlertGate implements Gate {
    public static final String NAME = "alerts";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

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
                yield GateResult.closed(NAME, "Blocked: alert " + first.name() + " firing since "
                        + HH_MM.format(first.startsAt().atZone(zone)) + more);
            }
            case UNKNOWN -> s.config().alerts().openWhenUnreachable()
                    ? GateResult.open(NAME, "Alertmanager unreachable, configured open")
                    : GateResult.closed(NAME, "Blocked: Alertmanager unreachable");
        };
    }
}
