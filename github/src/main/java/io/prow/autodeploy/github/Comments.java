package io.prow.autodeploy.github;

import java.util.List;

/**
 * A PR's conversation: reading it and writing the plugin's own comments in it. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface Comments extends BotIdentity {
    List<Comment> comments(RepoRef repo, int number);

    Comment createComment(RepoRef repo, int number, String body);

    void editComment(RepoRef repo, long commentId, String body);

    /** Deleting a comment that is already gone succeeds (GitHub's 404 is swallowed), like {@link Labels#removeLabel}. */
    void deleteComment(RepoRef repo, long commentId);
}
