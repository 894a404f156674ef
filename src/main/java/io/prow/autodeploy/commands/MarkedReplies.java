package io.prow.autodeploy.commands;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.GitHub;
import java.util.Optional;

/**
 * Replies with a hidden marker naming the comment that asked ({@code <!-- autodeploy:reply-to=123 -->}). A
 * redelivered event finds its reply and edits it (or leaves it, if the text is the same) instead of posting again.
 */
public final class MarkedReplies implements Replies {
    private final GitHub gh;

    public MarkedReplies(GitHub gh) {
        this.gh = gh;
    }

    static String marker(long commentId) {
        return "<!-- autodeploy:reply-to=" + commentId + " -->";
    }

    @Override
    public void reply(CommandInvocation inv, String markdown) {
        String body = "@" + inv.author() + ": " + markdown + "\n\n" + marker(inv.comment().id());
        Optional<Comment> existing = gh.comments(inv.config().repo(), inv.number()).stream()
                .filter(c -> gh.botLogin().equals(c.author()) && c.body().contains(marker(inv.comment().id())))
                .findFirst();
        if (existing.isEmpty()) {
            gh.createComment(inv.config().repo(), inv.number(), body);
        } else if (!existing.get().body().equals(body)) {
            gh.editComment(inv.config().repo(), existing.get().id(), body);
        }
    }
}
