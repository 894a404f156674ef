package io.prow.autodeploy.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What Alertmanager said about the alerts a repo cares about. {@code UNKNOWN} means we could not ask
 * (unreachable, garbage answer): the alert gate fails closed on it unless configured open.
 */
public record AlertState(Status status, List<FiringAlert> firing, String error) {
    public enum Status { DISABLED, QUIET, FIRING, UNKNOWN }

    public record FiringAlert(String name, Instant startsAt, String fingerprint) {}

    public AlertState {
        firing = List.copyOf(firing);
        if (status == Status.FIRING && firing.isEmpty()) {
            // The gate names the first firing alert; "firing" with none is a caller bug, not a state.
            throw new IllegalArgumentException("FIRING needs at least one alert");
        }
    }

    public static AlertState disabled() {
        return new AlertState(Status.DISABLED, List.of(), null);
    }

    public static AlertState quiet() {
        return new AlertState(Status.QUIET, List.of(), null);
    }

    public static AlertState unknown(String error) {
        return new AlertState(Status.UNKNOWN, List.of(), error);
    }

    public static AlertState firing(List<FiringAlert> alerts) {
        return new AlertState(Status.FIRING, alerts, null);
    }
}
