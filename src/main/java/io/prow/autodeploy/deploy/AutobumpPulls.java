package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds autobump PRs: cheap shape checks on data we already have, and the listing queries when we must ask. */
public final class AutobumpPulls {
    private AutobumpPulls() {}

    /**
     * Whether a PR is worth a decision: it comes from the autobump head branch, or an autobump author titled it like
     * a bump. Needs no API call, so events about other PRs cost nothing. Trust is decided later, by the gate.
     */
    public static boolean looksLikeAutobump(RepoConfig c, PullRequest pr) {
        RepoConfig.Autobump a = c.autobump();
        boolean titled = a.titlePattern().matcher(pr.title()).find();
        return a.headBranch().equals(pr.headRef()) || (titled && a.authors().contains(pr.author()));
    }

    /**
     * The open autobump PRs on the base branch, asking by head {@code owner:branch}: first the bot accounts (Prow's
     * autobumper pushes to its fork), then the org itself. Stops at the first owner with a hit: usually one call.
     */
    public static List<PullRequest> open(GitHub gh, RepoConfig c) {
        return byHead(gh, c, PrQuery.State.OPEN, 10);
    }

    /** Recent closed or merged PRs on the base branch (deploy history, carried holds): one call. */
    public static List<PullRequest> recentlyClosed(GitHub gh, RepoConfig c) {
        return gh.pullRequests(c.repo(), new PrQuery(PrQuery.State.CLOSED, c.baseBranch(), null, 50));
    }

    /** The newest autobump PR, open or not: where a hold goes when no bump is open, so the next one inherits it. */
    public static Optional<PullRequest> latest(GitHub gh, RepoConfig c) {
        return recent(gh, c).stream().max((x, y) -> Integer.compare(x.number(), y.number()));
    }

    /** The few newest autobump PRs in any state. */
    public static List<PullRequest> recent(GitHub gh, RepoConfig c) {
        return byHead(gh, c, PrQuery.State.ALL, 5);
    }

    private static List<PullRequest> byHead(GitHub gh, RepoConfig c, PrQuery.State state, int limit) {
        Set<String> owners = new LinkedHashSet<>(c.autobump().authors());
        owners.add(c.repo().owner());
        List<PullRequest> found = new ArrayList<>();
        for (String owner : owners) {
            String head = owner + ":" + c.autobump().headBranch();
            found.addAll(gh.pullRequests(c.repo(), new PrQuery(state, c.baseBranch(), head, limit)).stream()
                    .filter(pr -> looksLikeAutobump(c, pr)).toList());
            if (!found.isEmpty()) {
                break;
            }
        }
        return List.copyOf(found);
    }
}
