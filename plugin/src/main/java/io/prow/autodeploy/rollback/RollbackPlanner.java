package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.PlanOutcome.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out a rollback from GitHub alone: the deploy history picks and checks the target tag, then every file under
 * {@code autobump.paths} on the base branch head is read and rewritten. Reads only; {@link RollbackExecutor} writes.
 */
public final class RollbackPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackPlanner.class);

    /**
     * The tag ends up in a branch name, a commit and a PR title, so beyond the configured tag shape it may hold only
     * these characters, start with a letter or digit and contain no {@code ..}: never a path, a ref trick or shell.
     */
    private static final Pattern SAFE_TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final PullRequests prs;
    private final Contents contents;

    public RollbackPlanner(PullRequests prs, Contents contents) {
        this.prs = prs;
        this.contents = contents;
    }

    public static boolean isSafeTag(RepoConfig config, String tag) {
        return tag != null && SAFE_TAG.matcher(tag).matches() && !tag.contains("..")
                && config.autobump().isTag(tag);
    }

    /** {@code requestedTag} empty means "the deploy before the current one" ({@link DeployHistory#rollbackTarget}). */
    public PlanOutcome plan(RepoConfig config, Optional<String> requestedTag) {
        boolean wellFormed = requestedTag.map(t -> isSafeTag(config, t)).orElse(true);
        DeployHistory history = DeployHistory.read(prs, config);
        if (!wellFormed) {
            return refused(Reason.INVALID_TAG, "That is not a Prow image tag: a tag matches `"
                    + config.autobump().tagPattern().pattern() + "`.", history);
        }
        Optional<Deploy> current = history.current();
        if (current.isEmpty()) {
            return refused(Reason.NO_DEPLOYS, "I found no merged autobump or rollback PR into `"
                    + config.baseBranch() + "` " + DeployHistory.REACH + ".", history);
        }
        String from = current.get().tag();
        String to;
        if (requestedTag.isPresent()) {
            to = requestedTag.get();
            if (!history.contains(to)) {
                return refused(Reason.NEVER_DEPLOYED, "`" + to + "` was never deployed (not "
                        + DeployHistory.REACH + "), so it is not a known-good version.", history);
            }
            if (to.equals(from)) {
                return refused(Reason.ALREADY_CURRENT, "`" + to + "` is the version deployed now.", history);
            }
        } else {
            Optional<Deploy> target = history.rollbackTarget();
            if (target.isEmpty()) {
                return refused(Reason.NO_EARLIER_DEPLOY, "There is no earlier deployed version to go back to; "
                        + "name one: `/rollback <tag>`.", history);
            }
            to = target.get().tag();
        }
        return planFiles(config, history, from, to);
    }

    private PlanOutcome planFiles(RepoConfig config, DeployHistory history, String from, String to) {
        RepoRef repo = config.repo();
        Optional<String> baseSha = contents.branchSha(repo, config.baseBranch());
        if (baseSha.isEmpty()) {
            return refused(Reason.NO_BASE_BRANCH, "The branch `" + config.baseBranch() + "` does not exist.", history);
        }
        List<String> paths = contents.treePaths(repo, baseSha.get()).stream()
                .filter(config.autobump()::allowsPath).sorted().toList();
        if (paths.isEmpty()) {
            return refused(Reason.NO_FILES, "No file on `" + config.baseBranch() + "` lies under "
                    + String.join(", ", config.autobump().paths()) + ".", history);
        }
        ImageTagRewriter rewriter = new ImageTagRewriter(config.autobump().imagePrefixes(),
                config.autobump().tagPattern());
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, List<ImageChange>> changes = new LinkedHashMap<>();
        for (String path : paths) {
            // Read at the SHA, not the branch name: every file comes from the commit the rollback builds on.
            ImageTagRewriter.Rewrite rewrite = rewriter.rewrite(contents.fileText(repo, path, baseSha.get()), to);
            if (rewrite.changed()) {
                files.put(path, rewrite.text());
                changes.put(path, rewrite.changes());
            }
        }
        if (files.isEmpty()) {
            return refused(Reason.NOTHING_TO_CHANGE, "Every image under " + String.join(", ",
                    config.autobump().imagePrefixes()) + " already uses `" + to + "`: nothing to roll back.", history);
        }
        RollbackPlan plan = new RollbackPlan(repo, config.baseBranch(), from, to, baseSha.get(), files, changes);
        LOG.info("rollback planned for {}: {} -> {}, {} images in {} files", repo, from, to, plan.imageCount(),
                files.size());
        return new PlanOutcome.Planned(plan, history);
    }

    private static PlanOutcome refused(Reason reason, String message, DeployHistory history) {
        return new PlanOutcome.Refused(reason, message, history);
    }
}
