package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
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
     * The open autobump PRs on the base branch that can deploy, asking by head {@code owner:branch} for each owner of
     * a head repository the trust gate accepts ({@code autobump.headRepos}, by default each author's fork: Prow's
     * autobumper pushes to its fork). Stops at the first owner with a hit: one call for kubernetes/k8s.io. An open PR
     * from any other head (the org's own {@code autobump} branch, asked for too until issue 16's sixth round) fails
     * {@link io.prow.autodeploy.deploy.gates.TrustedGate} whatever it changes, so the sweep, {@code /hold} and
     * {@code /deploy-now} have nothing to do with it; its own events still get it its "Not trusted" status. When no
     * bump is open (nights, weekends) that question cost every sweep one more request, each one a chance of a 5xx.
     */
    public static List<PullRequest> open(PullRequests gh, RepoConfig c) {
        return byHead(gh, c, PrQuery.State.OPEN, 10, 1, trustedHeadOwners(c));
    }

    private static Set<String> trustedHeadOwners(RepoConfig c) {
        Set<String> owners = new LinkedHashSet<>();
        for (String repo : c.autobump().expectedHeadRepos(c.repo())) {
            owners.add(repo.substring(0, repo.indexOf('/')));
        }
        return owners;
    }

    /** Closed autobump PRs per page when listed by head branch: Prow's autobumper reuses one PR per version. */
    public static final int HISTORY_PAGE = 30;
    /** Closed PRs of the whole base branch per page: where our rollback PRs (one branch per tag) are found. */
    public static final int RECENT_PAGE = 50;

    /**
     * The closed PRs deploy decisions need (deploy history, the hold carrier): the closed autobump PRs found by what
     * they are ({@code head=<bot>:<headBranch>}, so no amount of other traffic pushes them out), plus one page of the
     * base branch's recently closed PRs for our rollback PRs. Two calls, both ETag-cached; newest first, no repeats.
     */
    public static List<PullRequest> recentlyClosed(PullRequests gh, RepoConfig c) {
        return union(closedAutobumps(gh, c, 1), recentOnBase(gh, c));
    }

    /** One page (1-based) of closed autobump PRs, listed by head branch per bot account (first owner with a hit). */
    public static List<PullRequest> closedAutobumps(PullRequests gh, RepoConfig c, int page) {
        return byHead(gh, c, PrQuery.State.CLOSED, HISTORY_PAGE, page);
    }

    /** The base branch's most recently closed PRs, whatever they are: one page. */
    public static List<PullRequest> recentOnBase(PullRequests gh, RepoConfig c) {
        return gh.pullRequests(c.repo(), new PrQuery(PrQuery.State.CLOSED, c.baseBranch(), null, RECENT_PAGE));
    }

    /** {@code lists} concatenated without repeating a PR (the first copy wins). */
    @SafeVarargs
    public static List<PullRequest> union(List<PullRequest>... lists) {
        java.util.Map<Integer, PullRequest> byNumber = new java.util.LinkedHashMap<>();
        for (List<PullRequest> l : lists) {
            l.forEach(pr -> byNumber.putIfAbsent(pr.number(), pr));
        }
        return List.copyOf(byNumber.values());
    }

    /** The newest autobump PR, open or not: where a hold goes when no bump is open, so the next one inherits it. */
    public static Optional<PullRequest> latest(PullRequests gh, RepoConfig c) {
        return recent(gh, c).stream().max((x, y) -> Integer.compare(x.number(), y.number()));
    }

    /** The few newest autobump PRs in any state. */
    public static List<PullRequest> recent(PullRequests gh, RepoConfig c) {
        return byHead(gh, c, PrQuery.State.ALL, 5);
    }

    private static List<PullRequest> byHead(PullRequests gh, RepoConfig c, PrQuery.State state, int limit) {
        return byHead(gh, c, state, limit, 1);
    }

    /**
     * Closed and recent autobump PRs are still asked for under the org too: a bump merged from the org's own branch
     * (by a person, past the plugin) deployed all the same, so the deploy history must see it.
     */
    private static List<PullRequest> byHead(PullRequests gh, RepoConfig c, PrQuery.State state, int limit, int page) {
        Set<String> owners = new LinkedHashSet<>(c.autobump().authors());
        owners.add(c.repo().owner());
        return byHead(gh, c, state, limit, page, owners);
    }

    private static List<PullRequest> byHead(PullRequests gh, RepoConfig c, PrQuery.State state, int limit, int page,
                                            Set<String> owners) {
        List<PullRequest> found = new ArrayList<>();
        for (String owner : owners) {
            String head = owner + ":" + c.autobump().headBranch();
            found.addAll(gh.pullRequests(c.repo(), new PrQuery(state, c.baseBranch(), head, limit, page)).stream()
                    .filter(pr -> looksLikeAutobump(c, pr)).toList());
            if (!found.isEmpty()) {
                break;
            }
        }
        return List.copyOf(found);
    }
}
