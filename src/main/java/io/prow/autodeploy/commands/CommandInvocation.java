package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;

/**
 * One command found in one comment: where ({@code number} of the issue or PR), by whom, with what arguments
 * (text after the command word, trimmed, possibly empty), and the delivery that carried it, for logs.
 */
public record CommandInvocation(
        RepoConfig config,
        int number,
        boolean onPullRequest,
        String author,
        Comment comment,
        String args,
        String deliveryId) {}
