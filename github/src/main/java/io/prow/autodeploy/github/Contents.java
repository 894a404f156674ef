package io.prow.autodeploy.github;

import java.util.List;
import java.util.Optional;

/**
 * Reading the repository's git data: branches, trees, files and comparisons. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface Contents {
    Optional<String> branchSha(RepoRef repo, String branch);

    /** Every file path in the tree of {@code commitSha}, recursively. */
    List<String> treePaths(RepoRef repo, String commitSha);

    String fileText(RepoRef repo, String path, String ref);

    /**
     * The commits and files between {@code base} and {@code head} (SHAs, short SHAs or refs), one request. A
     * commit GitHub does not know is a {@link GitHubException} with status 404.
     */
    Comparison compare(RepoRef repo, String base, String head);
}
