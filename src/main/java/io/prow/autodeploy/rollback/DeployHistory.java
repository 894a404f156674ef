package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.Deploy;
import io.prow.autodeploy.github.PullRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Deploys that happened, read from merged PRs on the base branch: autobump PRs and our rollback PRs. */
public final class DeployHistory {
    static final Pattern ROLLBACK_TITLE = Pattern.compile("^Roll back Prow to (\\S+) \\(from (\\S+)\\)");
    public static final String ROLLBACK_BRANCH_PREFIX = "autodeploy/rollback-";

    private DeployHistory() {}

    /** Newest first. */
    public static List<Deploy> fromPulls(RepoConfig config, List<PullRequest> pulls) {
        List<Deploy> out = new ArrayList<>();
        for (PullRequest pr : pulls) {
            if (!pr.merged() || !config.baseBranch().equals(pr.baseRef())) {
                continue;
            }
            deployOf(config, pr).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(Deploy::mergedAt).reversed());
        return List.copyOf(out);
    }

    static Optional<Deploy> deployOf(RepoConfig config, PullRequest pr) {
        RepoConfig.Autobump a = config.autobump();
        if (a.authors().contains(pr.author()) && a.headBranch().equals(pr.headRef())) {
            return a.tagFromTitle(pr.title())
                    .map(tag -> new Deploy(pr.number(), tag, Deploy.Kind.AUTOBUMP, pr.mergedAt(), pr.htmlUrl()));
        }
        Matcher m = ROLLBACK_TITLE.matcher(pr.title());
        if (pr.headRef().startsWith(ROLLBACK_BRANCH_PREFIX) && m.find() && a.isTag(m.group(1))) {
            return Optional.of(new Deploy(pr.number(), m.group(1), Deploy.Kind.ROLLBACK, pr.mergedAt(), pr.htmlUrl()));
        }
        return Optional.empty();
    }
}
