package io.prow.autodeploy.alerts;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.AlertState;

/** Placeholder until the Alertmanager source lands: DISABLED when no URL, else UNKNOWN (fail-closed). */
public class AlertSource {
    public AlertState state(RepoConfig config) {
        return config.alerts().url().isEmpty() ? AlertState.disabled()
                : AlertState.unknown("Alertmanager client not built yet");
    }
}
