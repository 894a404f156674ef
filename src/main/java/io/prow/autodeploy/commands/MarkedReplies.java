package io.prow.autodeploy.commands;

import io.prow.autodeploy.deploy.Holds;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import java.util.Optional;

/**
 * Replies with a hidden marker naming the comment that asked ({@code <!-- autodeploy:reply-to=123 -->}). A
 * redelivered event finds its reply and edits it (or leaves it, if the text is the same) instead of posting again.
 * A reply saying the command could not be completed is marked {@code failed}: only then does a redelivery of the
 * comment run the command again ({@link #answered}), so an old {@code /hold} delivered late cannot undo a later
 * {@code /hold cancel}.
 */
public final class MarkedReplies implements Replies {
    private final GitHub gh;

    public MarkedReplies(GitHub gh) {
        this.gh = gh;
    }

    static String marker(long commentId) {
        return marker(commentId, 0);
    }

    /** The first command of a comment keeps the plain marker; a second one in the same comment adds its part. */
    static String marker(long commentId, int part) {
        return "<!-- autodeploy:reply-to=" + commentId + (part == 0 ? "" : " part=" + part) + " -->";
    }

    static String failedMarker(long commentId, int part) {
        return "<!-- autodeploy:reply-to=" + commentId + (part == 0 ? "" : " part=" + part) + " failed -->";
    }

    @Override
    public void reply(CommandInvocation inv, String markdown) {
        write(inv, markdown, marker(inv.comment().id(), inv.part()));
    }

    @Override
    public void reply(CommandInvocation inv, String markdown, String ourMarker) {
        write(inv, markdown, ourMarker + "\n" + marker(inv.comment().id(), inv.part()));
    }

    /** The reply when the command could not be completed; the comment stays open to a redelivery. */
    public void replyFailed(CommandInvocation inv, String markdown) {
        write(inv, markdown, failedMarker(inv.comment().id(), inv.part()));
    }

    /** True when the comment already got its final answer (done or refused), so running it again would repeat it. */
    public boolean answered(CommandInvocation inv) {
        return existing(inv).filter(c -> c.body().contains(marker(inv.comment().id(), inv.part()))).isPresent();
    }

    private void write(CommandInvocation inv, String markdown, String marker) {
        // Replies quote what people wrote (a hold reason): it must not carry a marker of ours.
        String body = "@" + inv.author() + ": " + Holds.inert(markdown) + "\n\n" + marker;
        Optional<Comment> existing = existing(inv);
        if (existing.isEmpty()) {
            Comment posted = gh.createComment(inv.config().repo(), inv.number(), body);
            // Another replica may have answered the same delivery meanwhile: the older reply stays, with our text
            // if ours is final and it is not (a failure reply must not outlive a success).
            Holds.yieldToOlder(gh, inv.config().repo(), inv.number(), posted, (older, all) -> isReplyTo(older, inv))
                    .filter(older -> marker.endsWith(marker(inv.comment().id(), inv.part()))
                            && !older.body().equals(body))
                    .ifPresent(older -> gh.editComment(inv.config().repo(), older.id(), body));
        } else if (!existing.get().body().equals(body)) {
            gh.editComment(inv.config().repo(), existing.get().id(), body);
        }
    }

    private Optional<Comment> existing(CommandInvocation inv) {
        long id = inv.comment().id();
        return gh.comments(inv.config().repo(), inv.number()).stream()
                .filter(c -> gh.botLogin().equals(c.author()) && isReplyTo(c, inv))
                .findFirst();
    }

    private static boolean isReplyTo(Comment c, CommandInvocation inv) {
        long id = inv.comment().id();
        return c.body().contains(marker(id, inv.part())) || c.body().contains(failedMarker(id, inv.part()));
    }
}
