package io.prow.autodeploy.github;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTreeBuilder;

/**
 * Commits through the Git data API (blobs → tree → commit) and moves branches, without a clone. Cost of
 * {@link #createCommit}: 1 + files + 2 requests; {@link #setBranch}: 1, or 2 when the branch does not exist yet.
 */
final class GitDataWriter {
    private final KohsukeStubs stubs;
    private final RawRequests raw;

    GitDataWriter(KohsukeStubs stubs, RawRequests raw) {
        this.stubs = stubs;
        this.raw = raw;
    }

    String createCommit(RepoRef repo, String parentSha, String message, Map<String, String> files)
            throws IOException {
        // kohsuke's getCommit reads /commits/{sha} (the REST commit, with diffs); the git commit is smaller.
        String baseTree = raw.getJson("createCommit " + repo + " read parent",
                        raw.url(Map.of(), "repos", repo.owner(), repo.name(), "git", "commits", parentSha))
                .path("tree").path("sha").asText();
        GHRepository r = stubs.repository(repo);
        GHTreeBuilder tree = r.createTree().baseTree(baseTree);
        // Sorted so the request sequence is the same for the same input.
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            String blobSha = r.createBlob().textContent(file.getValue()).create().getSha();
            tree.entry(file.getKey(), "100644", "blob", blobSha, null);
        }
        String treeSha = tree.create().getSha();
        return r.createCommit().message(message).tree(treeSha).parent(parentSha).create().getSHA1();
    }

    void setBranch(RepoRef repo, String branch, String sha) throws IOException {
        try {
            stubs.branchRef(repo, branch).updateTo(sha, true);
        } catch (IOException e) {
            // GitHub answers 422 "Reference does not exist" (sometimes 404) for a branch that is not there yet.
            int status = GitHubErrors.statusOf(e);
            if (status != 422 && status != 404) {
                throw e;
            }
            stubs.repository(repo).createRef("refs/heads/" + branch, sha);
        }
    }
}
