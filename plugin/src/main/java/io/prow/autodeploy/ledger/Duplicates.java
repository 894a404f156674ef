package io.prow.autodeploy.ledger;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.RepoRef;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one way a replica's duplicate comment is settled. Two replicas handling one event can both read "not there
 * yet" and both post. After posting, the later comment steps back: if an older bot comment on the issue is its
 * twin, ours is deleted, so exactly one stays whatever the interleaving (the oldest never steps back).
 */
public final class Duplicates {
    private Duplicates() {}

    /** Returns the older twin, if any ({@code ours} was deleted then). */
    public static Optional<Comment> yieldToOlder(Comments comments, RepoRef repo, int number, Comment ours,
                                                 Predicate<Comment> twin) {
        Optional<Comment> older = comments.comments(repo, number).stream()
                .filter(c -> comments.botLogin().equals(c.author()) && c.id() < ours.id())
                .sorted(Comparator.comparingLong(Comment::id))
                .filter(twin).findFirst();
        if (older.isPresent()) {
            comments.deleteComment(repo, ours.id());
        }
        return older;
    }

    /** A twin test: the older comment carries a marker equal to {@code marker} in kind, id and the given fields. */
    public static Predicate<Comment> carries(Marker marker, List<String> keys) {
        return c -> LedgerCodec.parseAll(c.body()).stream().anyMatch(m -> m.kind().equals(marker.kind())
                && java.util.Objects.equals(m.id(), marker.id())
                && keys.stream().allMatch(k -> java.util.Objects.equals(m.fields().get(k), marker.fields().get(k))));
    }
}
