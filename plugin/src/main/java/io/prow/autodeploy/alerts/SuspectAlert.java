package io.prow.autodeploy.alerts;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.rollback.Deploy;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The alert of a notification that points at a deploy: firing, matching the repo's {@code alerts.matchers}, and
 * started within {@code alerts.autoRollback.watch} after the deploy merged. An alert already firing before the merge
 * was not caused by it (and the alert gate would have kept it from merging), so it is no suspect. Pure.
 */
public record SuspectAlert(String name, Instant startsAt, Duration afterDeploy) {
    private static final int MAX_NAME = 100;

    public static Optional<SuspectAlert> find(RepoConfig config, AlertmanagerNotification n, Deploy deploy) {
        return find(config, n, deploy, deploy.mergedAt());
    }

    /**
     * {@code watchFrom}: when the watch starts counting; the deploy's merge, or with {@code rollout} configured the
     * moment it was seen running. An alert starting between the merge and then is a suspect too (mid-rollout).
     */
    public static Optional<SuspectAlert> find(RepoConfig config, AlertmanagerNotification n, Deploy deploy,
                                              Instant watchFrom) {
        Instant from = deploy.mergedAt();
        Instant until = (watchFrom.isBefore(from) ? from : watchFrom).plus(config.alerts().autoRollbackWatch());
        return firingAndMatching(config, n)
                .filter(a -> !a.startsAt().isBefore(from) && !a.startsAt().isAfter(until))
                .min(Comparator.comparing(AlertmanagerNotification.Alert::startsAt)
                        .thenComparing(AlertmanagerNotification.Alert::name))
                .map(a -> new SuspectAlert(safeName(a.name()), a.startsAt(), Duration.between(from, a.startsAt())));
    }

    /** Whether any alert of {@code n} fires and matches at all: answered without asking GitHub anything. */
    public static boolean anyFiringAndMatching(RepoConfig config, AlertmanagerNotification n) {
        return firingAndMatching(config, n).findAny().isPresent();
    }

    private static Stream<AlertmanagerNotification.Alert> firingAndMatching(RepoConfig config,
                                                                          AlertmanagerNotification n) {
        if (n.status() != AlertmanagerNotification.Status.FIRING) {
            return Stream.empty();
        }
        AlertMatchers matchers = AlertMatchers.parse(config.alerts().matchers());
        return n.alerts().stream()
                .filter(a -> a.status() == AlertmanagerNotification.Status.FIRING)
                .filter(a -> matchers.matches(a.labels()));
    }

    /** "alert HookDown fired 12m after deploying v20261124-1a2b3c4d5e": the hold's reason. */
    public String holdReason(String tag) {
        return "alert " + name + " fired " + afterDeploy.toMinutes() + "m after deploying " + tag;
    }

    /**
     * Alert names end up in a status, a hold reason and markdown. Prometheus names are {@code [a-zA-Z_:][\w:]*};
     * anything else (a label from elsewhere) is cut down to harmless characters rather than trusted.
     */
    static String safeName(String raw) {
        String s = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9_:.-]", "");
        s = s.length() > MAX_NAME ? s.substring(0, MAX_NAME) : s;
        return s.isEmpty() ? "(unnamed)" : s;
    }
}
