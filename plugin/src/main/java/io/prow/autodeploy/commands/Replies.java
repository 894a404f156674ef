package io.prow.autodeploy.commands;

/**
 * Writes the one bot reply a command gets. The reply carries a hidden marker naming the comment that asked, so a
 * redelivered event edits that reply instead of posting a second one.
 */
public interface Replies {
    void reply(CommandInvocation invocation, String markdown);

    /**
     * A reply that also stores one of our hidden markers (an approval, say). {@code markdown} may quote people and is
     * defused; {@code ourMarker} is written as is, so only the bot can create markers.
     */
    default void reply(CommandInvocation invocation, String markdown, String ourMarker) {
        reply(invocation, markdown + "\n" + ourMarker);
    }
}
