package io.prow.autodeploy.rollback;

import io.prow.autodeploy.commands.CommandInvocation;
import io.prow.autodeploy.commands.Replies;
import java.util.ArrayList;
import java.util.List;

/** A {@link Replies} that keeps what would have been posted. */
public final class RecordingReplies implements Replies {
    private final List<String> replies = new ArrayList<>();

    @Override
    public void reply(CommandInvocation invocation, String markdown) {
        replies.add(markdown);
    }

    public List<String> all() {
        return List.copyOf(replies);
    }

    public String last() {
        if (replies.isEmpty()) {
            throw new AssertionError("no reply was posted");
        }
        return replies.get(replies.size() - 1);
    }
}
