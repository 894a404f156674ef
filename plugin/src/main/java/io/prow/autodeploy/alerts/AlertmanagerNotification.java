package io.prow.autodeploy.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's webhook payload, version 4: one notification for one alert group. Unknown fields are
 * ignored so a newer Alertmanager adding fields does not break us; the fields we rely on are checked by
 * {@link AlertmanagerWebhook}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerNotification(
        String version,
        String groupKey,
        Status status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl,
        List<Alert> alerts,
        int truncatedAlerts) {

    public enum Status {
        @JsonProperty("firing") FIRING,
        @JsonProperty("resolved") RESOLVED
    }

    public AlertmanagerNotification {
        groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
        commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
        commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** One alert of the group; {@code endsAt} is Go's zero time ({@code 0001-01-01}) while it fires. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            Status status,
            Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            @JsonProperty("generatorURL") String generatorUrl,
            String fingerprint) {

        private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

        public Alert {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        }

        public String name() {
            return labels.getOrDefault("alertname", "");
        }

        /** When the alert ended, if it has an end; Go's zero time means it has none. */
        public Optional<Instant> ended() {
            return endsAt == null || !endsAt.isAfter(GO_ZERO_TIME) ? Optional.empty() : Optional.of(endsAt);
        }
    }
}
