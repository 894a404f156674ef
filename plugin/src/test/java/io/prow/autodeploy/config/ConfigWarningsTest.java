package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.deploy.gates.Snapshots;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigWarningsTest {
    static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");
    // Everything configured that has a warning when it is not: alerts with auto rollback, the breaking-change guard.
    static final String ALERTS_AUTO = "alerts:\n  alertmanagerUrl: http://am:9093\n  autoRollback: {enabled: true}\n"
            + "breakingChanges: {sourceRepo: kubernetes-sigs/prow}\n";
    static final String GUARD = "breakingChanges: {sourceRepo: kubernetes-sigs/prow}\n";
    static final String R = "kubernetes/test-infra: ";
    static final String NO_ALERTS = R + "alerts.alertmanagerUrl is not set: the alert gate is always open and nothing "
            + "rolls back automatically";
    static final String NO_GUARD = R + "breakingChanges.sourceRepo is not set: the breaking-change guard is off, and "
            + "bumps deploy without anyone reading the announcements between versions";

    record Case(String name, String overrideYaml, List<String> warnings) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("alerts with auto rollback: nothing to say", ALERTS_AUTO, List.of()),
                new Case("alerts not configured", GUARD, List.of(NO_ALERTS)),
                new Case("guard not configured", "alerts:\n  alertmanagerUrl: http://am:9093\n  autoRollback: "
                        + "{enabled: true}\n", List.of(NO_GUARD)),
                new Case("alerts without auto rollback", GUARD + "alerts:\n  alertmanagerUrl: http://am:9093\n",
                        List.of(R + "alerts.autoRollback is disabled: an alert firing after a deploy blocks the next "
                                + "deploy but does not roll back")),
                new Case("every allowed day blacked out for a year", ALERTS_AUTO
                        + "window:\n  days: [SAT]\n  blackouts: ['2026-01-01..2028-01-01']\n",
                        List.of(R + "window never opens in the next 365 days (check window.days, window.hours and "
                                + "window.blackouts): nothing will deploy")),
                new Case("a blackout ending within the year is fine", ALERTS_AUTO
                        + "window:\n  blackouts: ['2026-01-01..2027-06-30']\n", List.of()),
                new Case("minInterval longer than the daily window", ALERTS_AUTO
                        + "window:\n  hours: '09:00-11:00'\n  minInterval: 2h30m\n",
                        List.of(R + "window.minInterval 2h30m is longer than the 2h daily window: at most one deploy "
                                + "a day")),
                new Case("minInterval as long as the daily window is fine", ALERTS_AUTO
                        + "window:\n  hours: '09:00-11:00'\n  minInterval: 2h\n", List.of()),
                new Case("hours to 24:00 count as a whole day", ALERTS_AUTO
                        + "window:\n  hours: '00:00-24:00'\n  minInterval: 25h\n",
                        List.of(R + "window.minInterval 25h is longer than the 24h daily window: at most one deploy "
                                + "a day")),
                new Case("several warnings at once, in order", "window:\n  days: [SUN]\n  blackouts: "
                        + "['2026-01-01..2028-01-01']\n  hours: '09:00-10:00'\n  minInterval: 2h\n",
                        List.of(R + "window never opens in the next 365 days (check window.days, window.hours and "
                                        + "window.blackouts): nothing will deploy",
                                R + "window.minInterval 2h is longer than the 1h daily window: at most one deploy a day",
                                NO_ALERTS, NO_GUARD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void warns(Case c) throws ConfigException {
        PluginConfig config = ConfigLoader.parse(Snapshots.pluginYaml(c.overrideYaml()));
        assertThat(ConfigWarnings.warnings(config, NOW)).isEqualTo(c.warnings());
    }

    @Test
    void embeddedDefaultOnlyLacksAlertsAndTheGuard() throws ConfigException {
        String k8sio = "kubernetes/k8s.io: ";
        assertThat(ConfigWarnings.warnings(ConfigLoader.parse(ConfigLoader.embeddedDefault()), NOW))
                .containsExactly(NO_ALERTS.replace(R, k8sio), NO_GUARD.replace(R, k8sio));
    }

    @Test
    void deprecatedAutobumpKeysWarnAndSayWhatReplacesThem() throws ConfigException {
        PluginConfig config = ConfigLoader.parse(Snapshots.pluginYaml("autobump:\n"
                + "  titlePattern: '^Update Prow to (?<tag>\\S+)'\n"
                + "  imagePrefixes: ['us-docker.pkg.dev/k8s-infra-prow/images/']\n"));
        assertThat(ConfigWarnings.warnings(config, NOW)).containsSubsequence(
                R + "autobump.imagePrefixes is deprecated: use autobump.images: [{name: prow, prefix: ..., "
                        + "consistent: true}] (the first prefix is read as the deployed, consistent image; every "
                        + "prefix is rolled back)",
                R + "autobump.titlePattern is deprecated: the deployed tag is read from the diff; without "
                        + "titlePattern the title is cross-checked in every form Prow's autobumper writes (Update "
                        + "prow to <tag>, case-insensitive)");
    }
}
