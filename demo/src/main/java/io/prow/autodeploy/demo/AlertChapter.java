package io.prow.autodeploy.demo;

import io.prow.autodeploy.sandbox.AlertmanagerProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's safety net: a real Alertmanager on loopback (Debian's package) notifying the plugin's
 * {@code POST /alertmanager}. Alerts are posted with explicit start and end on the demo's simulated day, so
 * Alertmanager, which judges times by its own clock, keeps them active.
 */
final class AlertChapter implements AutoCloseable {
    private final AlertmanagerProcess alertmanager;
    private final Path tokenFile;

    private AlertChapter(AlertmanagerProcess alertmanager, Path tokenFile) {
        this.alertmanager = alertmanager;
        this.tokenFile = tokenFile;
    }

    /** Starts Alertmanager notifying the plugin that will listen on {@code pluginPort}; empty when not installed. */
    static Optional<AlertChapter> start(int pluginPort, Path dir, PrintStream out) throws IOException {
        try {
            AlertmanagerProcess.binary();
        } catch (IllegalStateException notInstalled) {
            out.println("(No Alertmanager here, so the alert chapter is left out: `make deps` installs Debian's "
                    + "prometheus-alertmanager.)");
            return Optional.empty();
        }
        Path token = dir.resolve("alertmanager-webhook-token");
        Files.writeString(token, "demo-alertmanager-token");
        AlertmanagerProcess am = AlertmanagerProcess.start(Optional.of(new AlertmanagerProcess.Webhook(
                URI.create("http://127.0.0.1:" + pluginPort + "/alertmanager"), token)));
        return Optional.of(new AlertChapter(am, token));
    }

    /** The repo's {@code alerts} section for the demo config. */
    String configSection() {
        return "    alerts:\n      alertmanagerUrl: " + alertmanager.baseUri() + "\n"
                + "      matchers: ['severity=\"critical\"']\n"
                + "      autoRollback: {enabled: true, watch: 1h}\n";
    }

    URI url() {
        return alertmanager.baseUri();
    }

    Path tokenFile() {
        return tokenFile;
    }

    void fire(String alertname, Instant startsAt) {
        alertmanager.post(Map.of("alertname", alertname, "severity", "critical", "job", "hook"), startsAt,
                Optional.of(startsAt.plus(Duration.ofHours(1))));
    }

    @Override
    public void close() {
        alertmanager.close();
    }
}
