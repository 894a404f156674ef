package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.rollout.RolloutState;
import java.util.List;
import java.util.Optional;

/**
 * Everything a deploy decision depends on, read once per decision ({@code SnapshotReader}); the gates only look.
 * {@code lastDeploy} is the most recent merged autobump or rollback PR on the base branch, read from GitHub so
 * replicas agree and a restart loses nothing. {@code sourceChanges} is the Prow source range this bump deploys
 * (breaking-change guard); {@code markers} what our marker comments say (approval, {@code /deploy-now}, retests);
 * {@code rollout} where {@code lastDeploy} stands between merged and running.
 */
public record Snapshot(
        RepoConfig config,
        PullRequest pr,
        List<String> changedFiles,
        List<Check> checks,
        Optional<Deploy> lastDeploy,
        Optional<HoldInfo> hold,
        AlertState alerts,
        SourceChanges sourceChanges,
        PrMarkers markers,
        RolloutState rollout) {

    public Snapshot {
        changedFiles = List.copyOf(changedFiles);
        checks = List.copyOf(checks);
    }

    /** A snapshot of a repo whose rollout is not followed: the last deploy counts as running from its merge. */
    public Snapshot(RepoConfig config, PullRequest pr, List<String> changedFiles, List<Check> checks,
                    Optional<Deploy> lastDeploy, Optional<HoldInfo> hold, AlertState alerts,
                    SourceChanges sourceChanges, PrMarkers markers) {
        this(config, pr, changedFiles, checks, lastDeploy, hold, alerts, sourceChanges, markers,
                RolloutState.notFollowed(lastDeploy));
    }

    /** A snapshot without the breaking-change guard and without markers read. */
    public Snapshot(RepoConfig config, PullRequest pr, List<String> changedFiles, List<Check> checks,
                    Optional<Deploy> lastDeploy, Optional<HoldInfo> hold, AlertState alerts) {
        this(config, pr, changedFiles, checks, lastDeploy, hold, alerts, SourceChanges.OFF, PrMarkers.UNREAD);
    }

    public Snapshot withMarkers(PrMarkers m) {
        return new Snapshot(config, pr, changedFiles, checks, lastDeploy, hold, alerts, sourceChanges, m, rollout);
    }

    /** The tag this PR deploys, if its title names one of the configured shape. */
    public Optional<String> tag() {
        return config.autobump().tagFromTitle(pr.title());
    }
}
