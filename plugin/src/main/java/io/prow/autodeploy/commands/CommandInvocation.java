package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;

/**
 * One command found in one comment: where ({@code number} of the issue or PR), by whom, with what arguments
 * (text after the command word, trimmed, possibly empty), the delivery that carried it, for logs, and which of the
 * comment's commands it is ({@code part}, 0 for the first), so each gets its own reply.
 */
public record CommandInvocation(
        RepoConfig config,
        int number,
        boolean onPullRequest,
        String author,
        Comment comment,
        String args,
        String deliveryId,
        int part) {

    /** The first (usually only) command of a comment. */
    public CommandInvocation(RepoConfig config, int number, boolean onPullRequest, String author, Comment comment,
                             String args, String deliveryId) {
        this(config, number, onPullRequest, author, comment, args, deliveryId, 0);
    }

    /**
     * When the comment was posted, which orders holds and releases (the later command wins); the epoch when the
     * payload did not say, so an undated command never wins over a dated one.
     */
    public java.time.Instant postedAt() {
        return comment.createdAt() == null ? java.time.Instant.EPOCH : comment.createdAt();
    }
}
