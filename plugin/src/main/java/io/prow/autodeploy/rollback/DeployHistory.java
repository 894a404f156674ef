package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deploys of one repo, newest first: merged autobump PRs and merged rollback PRs of ours, read from GitHub so
 * every replica sees the same history and a restart loses nothing. Autobump PRs are listed by what they are (closed
 * PRs with head {@code <bot>:<headBranch>}, {@link AutobumpPulls#closedAutobumps}), so other traffic in a busy repo
 * cannot push them out; rollback PRs come from the base branch's recently closed page. This is the one history:
 * the deployed version, pacing and the guard's base ({@code SnapshotReader}), {@code /rollback}'s default and known
 * tags ({@code RollbackPlanner}), the hold carrier and the status page all read it.
 */
public final class DeployHistory {
    /** Deploys {@code /rollback} and its replies want at most (the newest five, the previous distinct tag). */
    static final int ENOUGH = 10;
    /** Never deeper than this many pages of closed autobump PRs ({@value} x 30 bumps: months of deploys). */
    static final int MAX_PAGES = 5;
    /** Where {@link #read} looks, in words, for replies that say a tag was not found. */
    public static final String REACH = "among the newest " + MAX_PAGES * AutobumpPulls.HISTORY_PAGE
            + " closed autobump PRs and the last " + AutobumpPulls.RECENT_PAGE + " closed PRs";

    private static final Comparator<Deploy> NEWEST_FIRST =
            Comparator.comparing(Deploy::mergedAt).thenComparingInt(Deploy::number).reversed();

    private final List<Deploy> deploys;
    private final Set<String> rolledBackFrom;

    private DeployHistory(List<Deploy> deploys, Set<String> rolledBackFrom) {
        this.deploys = List.copyOf(deploys);
        this.rolledBackFrom = Set.copyOf(rolledBackFrom);
    }

    /**
     * The first page of closed autobump PRs and the base branch's recent page (two ETag-cached calls), then further
     * pages of autobump PRs only while fewer than {@value #ENOUGH} deploys are known and the last page was full.
     */
    public static DeployHistory read(PullRequests gh, RepoConfig config) {
        List<PullRequest> page = AutobumpPulls.closedAutobumps(gh, config, 1);
        List<PullRequest> pulls = AutobumpPulls.union(page, AutobumpPulls.recentOnBase(gh, config));
        for (int n = 2; n <= MAX_PAGES && page.size() >= AutobumpPulls.HISTORY_PAGE
                && fromPulls(config, pulls).size() < ENOUGH; n++) {
            page = AutobumpPulls.closedAutobumps(gh, config, n);
            pulls = AutobumpPulls.union(pulls, page);
        }
        return of(config, pulls);
    }

    public static DeployHistory of(RepoConfig config, List<PullRequest> pulls) {
        Set<String> badTags = pulls.stream()
                .map(pr -> ourRollback(config, pr))
                .flatMap(Optional::stream)
                .map(RollbackTitle::fromTag)
                .collect(Collectors.toSet());
        return new DeployHistory(fromPulls(config, pulls), badTags);
    }

    /** The deploys among {@code pulls}, newest merge first. Pure; the snapshot reader reuses it for pacing. */
    public static List<Deploy> fromPulls(RepoConfig config, List<PullRequest> pulls) {
        return pulls.stream().map(pr -> asDeploy(config, pr)).flatMap(Optional::stream).sorted(NEWEST_FIRST).toList();
    }

    static Optional<Deploy> asDeploy(RepoConfig config, PullRequest pr) {
        RepoConfig.Autobump autobump = config.autobump();
        if (autobump.authors().contains(pr.author()) && autobump.headBranch().equals(pr.headRef())) {
            return mergedIntoBase(config, pr) ? autobump.tagFromTitle(pr.title())
                    .map(tag -> deploy(pr, tag, Deploy.Kind.AUTOBUMP)) : Optional.empty();
        }
        return ourRollback(config, pr).map(t -> deploy(pr, t.toTag(), Deploy.Kind.ROLLBACK));
    }

    /**
     * A merged PR of ours: our title with two tags of the configured shape, from our branch for that tag in the repo
     * itself (only people with write access can push there, so a fork PR with a look-alike title does not count).
     */
    private static Optional<RollbackTitle> ourRollback(RepoConfig config, PullRequest pr) {
        if (!mergedIntoBase(config, pr) || !config.repo().owner().equals(pr.headOwner())) {
            return Optional.empty();
        }
        RepoConfig.Autobump autobump = config.autobump();
        return RollbackTitle.parse(pr.title())
                .filter(t -> autobump.isTag(t.toTag()) && autobump.isTag(t.fromTag()))
                .filter(t -> RollbackTitle.branch(t.toTag()).equals(pr.headRef()));
    }

    private static boolean mergedIntoBase(RepoConfig config, PullRequest pr) {
        return pr.merged() && config.baseBranch().equals(pr.baseRef());
    }

    private static Deploy deploy(PullRequest pr, String tag, Deploy.Kind kind) {
        return new Deploy(pr.number(), tag, kind, pr.mergedAt(), pr.htmlUrl());
    }

    /** Newest first. */
    public List<Deploy> deploys() {
        return deploys;
    }

    /** What runs now: the newest deploy. */
    public Optional<Deploy> current() {
        return deploys.stream().findFirst();
    }

    /** The most recent deploy whose tag differs from the current one. */
    public Optional<Deploy> previousDistinct() {
        return current().flatMap(now -> deploys.stream().filter(d -> !d.tag().equals(now.tag())).findFirst());
    }

    /**
     * Where {@code /rollback} without a tag goes: like {@link #previousDistinct()}, but skipping every tag that a
     * rollback of ours moved away from. Otherwise a second {@code /rollback} after a merged rollback would pick the
     * tag just rolled back from (the newest one that differs) and deploy the bad version again.
     */
    public Optional<Deploy> rollbackTarget() {
        return current().flatMap(now -> deploys.stream()
                .filter(d -> !d.tag().equals(now.tag()) && !rolledBackFrom.contains(d.tag()))
                .findFirst());
    }

    public boolean contains(String tag) {
        return deploys.stream().anyMatch(d -> d.tag().equals(tag));
    }

    /** The newest five deploys, for replies that list what a rollback could go to. */
    public List<Deploy> lastFive() {
        return deploys.stream().limit(5).toList();
    }
}
