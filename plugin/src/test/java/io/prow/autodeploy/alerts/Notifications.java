package io.prow.autodeploy.alerts;

import io.prow.autodeploy.alerts.AlertmanagerNotification.Alert;
import io.prow.autodeploy.alerts.AlertmanagerNotification.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alertmanager webhook notifications (payload v4) as Alertmanager 0.25 builds them, for unit tests. */
final class Notifications {
    static final Map<String, String> HOOK_DOWN = Map.of("alertname", "HookDown", "severity", "critical", "job", "hook");
    static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private Notifications() {}

    static String groupKey(Map<String, String> labels) {
        return "{}:{alertname=\"" + labels.get("alertname") + "\"}";
    }

    static AlertmanagerNotification firing(Map<String, String> labels, Instant startsAt) {
        return of(Status.FIRING, alert(Status.FIRING, labels, startsAt, GO_ZERO));
    }

    static AlertmanagerNotification resolved(Map<String, String> labels, Instant startsAt, Instant endsAt) {
        return of(Status.RESOLVED, alert(Status.RESOLVED, labels, startsAt, endsAt));
    }

    static AlertmanagerNotification of(Status status, Alert alert) {
        return new AlertmanagerNotification("4", groupKey(alert.labels()), status, "plugin",
                Map.of("alertname", alert.name()), alert.labels(), Map.of(), "http://alertmanager:9093",
                List.of(alert), 0);
    }

    static Alert alert(Status status, Map<String, String> labels, Instant startsAt, Instant endsAt) {
        return new Alert(status, labels, Map.of("summary", "test"), startsAt, endsAt,
                "http://prometheus/graph", Integer.toHexString(labels.hashCode()));
    }
}
