package io.prow.autodeploy.commands;

/**
 * Writes the one bot reply a command gets. The reply carries a hidden marker naming the comment that asked, so a
 * redelivered event edits that reply instead of posting a second one.
 */
public interface Replies {
    void reply(CommandInvocation invocation, String markdown);
}
