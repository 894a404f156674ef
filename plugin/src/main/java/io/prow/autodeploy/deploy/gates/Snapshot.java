package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.alerts.AlertState;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.ChangedFile;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollout.RolloutState;
import java.util.List;
import java.util.Optional;

/**
 * Everything a deploy decision depends on, read once per decision ({@code SnapshotReader}); the gates only look.
 * {@code lastDeploy} is the most recent merged autobump or rollback PR on the base branch, read from GitHub so
 * replicas agree and a restart loses nothing. {@code sourceChanges} is the Prow source range this bump deploys
 * (breaking-change guard); {@code markers} what our marker comments say (approval, {@code /deploy-now}, retests).
 * {@code bump} is what the files' patches deploy ({@link BumpDiff}): the tag comes from the diff, not the title.
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
        BumpDiff bump,
        RolloutState rollout) {

    public Snapshot {
        changedFiles = List.copyOf(changedFiles);
        checks = List.copyOf(checks);
    }

    /** A snapshot whose files were listed without patches: the deployed tag cannot be read (not trusted). */
    public Snapshot(RepoConfig config, PullRequest pr, List<String> changedFiles, List<Check> checks,
                    Optional<Deploy> lastDeploy, Optional<HoldInfo> hold, AlertState alerts,
                    SourceChanges sourceChanges, PrMarkers markers) {
        this(config, pr, changedFiles, checks, lastDeploy, hold, alerts, sourceChanges, markers,
                BumpDiff.read(config.autobump(), changedFiles.stream().map(ChangedFile::withoutPatch).toList()),
                RolloutState.notFollowed(lastDeploy));
    }

    /** The snapshot of a PR whose files (with their patches) were read: the bump's tag comes from them. */
    public static Snapshot of(RepoConfig config, PullRequest pr, List<ChangedFile> files, List<Check> checks,
                              Optional<Deploy> lastDeploy, Optional<HoldInfo> hold, AlertState alerts,
                              SourceChanges sourceChanges, PrMarkers markers) {
        return new Snapshot(config, pr, files.stream().map(ChangedFile::path).toList(), checks, lastDeploy, hold,
                alerts, sourceChanges, markers, BumpDiff.read(config.autobump(), files),
                RolloutState.notFollowed(lastDeploy));
    }

    /** A snapshot without the breaking-change guard and without markers read. */
    public Snapshot(RepoConfig config, PullRequest pr, List<String> changedFiles, List<Check> checks,
                    Optional<Deploy> lastDeploy, Optional<HoldInfo> hold, AlertState alerts) {
        this(config, pr, changedFiles, checks, lastDeploy, hold, alerts, SourceChanges.OFF, PrMarkers.UNREAD);
    }

    public Snapshot withMarkers(PrMarkers m) {
        return new Snapshot(config, pr, changedFiles, checks, lastDeploy, hold, alerts, sourceChanges, m, bump,
                rollout);
    }

    public Snapshot withRollout(RolloutState r) {
        return new Snapshot(config, pr, changedFiles, checks, lastDeploy, hold, alerts, sourceChanges, markers, bump, r);
    }

    /**
     * The tag this PR deploys: the one new tag of the deployed image's prefix in its diff ({@link BumpDiff}).
     * The title is only a cross-check, done by the trust gate.
     */
    public Optional<String> tag() {
        return bump.tag();
    }
}
