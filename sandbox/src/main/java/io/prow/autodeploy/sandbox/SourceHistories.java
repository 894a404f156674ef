package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.Comparison;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.SandboxSetup.SourceCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Source repositories (the Prow repo images are built from): a linear history each, oldest first, and GitHub's
 * compare over it. Guarded by the owning {@link InMemoryGitHub}'s lock.
 */
final class SourceHistories {
    private final Map<RepoRef, List<SourceCommit>> history = new HashMap<>();

    /** Appends {@code c} to the history of {@code ref} (created on first use); returns it. */
    SourceCommit add(RepoRef ref, SourceCommit c) {
        history.computeIfAbsent(ref, r -> new ArrayList<>()).add(c);
        return c;
    }

    /**
     * Commits after {@code base} up to {@code head}, oldest first, and the files they touch. SHAs may be abbreviated,
     * as in image tags; an unknown one is GitHub's 404. A head before its base is "behind" with no commits.
     */
    Comparison compare(RepoRef repo, String base, String head) {
        List<SourceCommit> commits = history.get(repo);
        if (commits == null) {
            throw new GitHubException(404, "Not Found: repository " + repo);
        }
        int from = indexOf(commits, base);
        int to = indexOf(commits, head);
        List<SourceCommit> range = from < to ? commits.subList(from + 1, to + 1) : List.of();
        String status = from == to ? "identical" : from < to ? "ahead" : "behind";
        String web = "https://github.com/" + repo;
        List<Comparison.Commit> listed = range.stream()
                .map(c -> new Comparison.Commit(c.sha(), c.message(), web + "/commit/" + c.sha())).toList();
        List<String> files = range.stream().flatMap(c -> c.files().stream()).distinct().toList();
        return new Comparison(status, listed.size(), listed, files, web + "/compare/" + base + "..." + head);
    }

    private static int indexOf(List<SourceCommit> commits, String sha) {
        for (int i = 0; i < commits.size(); i++) {
            if (sha.length() >= 7 && commits.get(i).sha().startsWith(sha)) {
                return i;
            }
        }
        throw new GitHubException(404, "No commit found for SHA: " + sha);
    }
}
