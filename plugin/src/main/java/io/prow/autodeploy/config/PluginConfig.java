package io.prow.autodeploy.config;

import io.prow.autodeploy.github.RepoRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The validated, immutable plugin configuration. Nothing outside {@code config} parses YAML. */
public record PluginConfig(Duration reconcileInterval, Duration recoveryWindow, List<RepoConfig> repos) {
    /** {@code commands.recoveryWindow}'s default: a day of outage is recovered. */
    public static final Duration DEFAULT_RECOVERY_WINDOW = Duration.ofHours(24);

    public PluginConfig {
        repos = List.copyOf(repos);
    }

    public PluginConfig(Duration reconcileInterval, List<RepoConfig> repos) {
        this(reconcileInterval, DEFAULT_RECOVERY_WINDOW, repos);
    }

    /** GitHub names are case-insensitive: {@code Kubernetes/Test-Infra} in config matches events for the repo. */
    public Optional<RepoConfig> repo(RepoRef ref) {
        return repos.stream().filter(r -> r.repo().toString().equalsIgnoreCase(ref.toString())).findFirst();
    }
}
