package io.prow.autodeploy.commands;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.RepoRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Comments} role the deploy side reads through, which can remember, for one sweep of one repo, the
 * comment lists that sweep's reconcile read, so the command recovery right after it does not read the same PR's
 * comments again (issue 16: every request a sweep makes is ~20 charged a week, and a sweep read the open bump's
 * comments twice: for the ledger, then for the recovery). Every read still goes to GitHub: nothing is ever served
 * from here to a decision or a command. Only the recovery asks {@link Sweep#lastRead}, and only inside the sweep:
 * the sweep opens a {@link Sweep} on its worker thread, reconciles the repo and runs the recovery on that same
 * thread (the reconcile of each listed PR runs inline), then closes it; reads on other threads (webhooks, timers)
 * and reads outside a sweep are not remembered. A list is at most one sweep old, which the recovery may take:
 * <ul>
 * <li>a command posted after the reconcile's read is run by its own delivery, or, if that is lost, found by the
 * next sweep ({@code commands.recoveryWindow} is far longer than {@code reconcileInterval});</li>
 * <li>a reply written after the read (another lane answering the command) is seen by the dispatcher, which reads
 * the PR's reply records again before running anything ({@link MarkedReplies#answered}): the reply record keeps
 * it exactly-once, as it does when two replicas recover the same command.</li>
 * </ul>
 * A comment written, edited or deleted through this role during the sweep drops that repo's lists (the recovery
 * then reads again), so the lists remembered are never older than our own writes through it.
 */
public final class SweepComments implements Comments {
    private record Key(RepoRef repo, int number) {}

    private final Comments github;
    // Set only between Sweep's creation and close on the sweeping thread: no list outlives its sweep.
    private final ThreadLocal<Sweep> current = new ThreadLocal<>();

    public SweepComments(Comments github) {
        this.github = github;
    }

    /** One sweep on this thread: remembers the lists read on it until closed. Sweeps do not nest. */
    public Sweep begin() {
        if (current.get() != null) {
            throw new IllegalStateException("a sweep is already open on this thread");
        }
        Sweep s = new Sweep();
        current.set(s);
        return s;
    }

    /** The lists read by one sweep's reconcile, for its recovery. */
    public final class Sweep implements AutoCloseable {
        private final Map<Key, List<Comment>> read = new HashMap<>();

        private Sweep() {}

        /** The comments of {@code repo#number} as this sweep last read them, if it did and wrote none since. */
        public Optional<List<Comment>> lastRead(RepoRef repo, int number) {
            return Optional.ofNullable(read.get(new Key(repo, number)));
        }

        @Override
        public void close() {
            read.clear();
            if (current.get() == this) {
                current.remove();
            }
        }
    }

    @Override
    public List<Comment> comments(RepoRef repo, int number) {
        List<Comment> comments = github.comments(repo, number);
        Sweep s = current.get();
        if (s != null) {
            s.read.put(new Key(repo, number), List.copyOf(comments));
        }
        return comments;
    }

    @Override
    public Comment createComment(RepoRef repo, int number, String body) {
        wrote(repo);
        return github.createComment(repo, number, body);
    }

    @Override
    public void editComment(RepoRef repo, long commentId, String body) {
        wrote(repo);
        github.editComment(repo, commentId, body);
    }

    @Override
    public void deleteComment(RepoRef repo, long commentId) {
        wrote(repo);
        github.deleteComment(repo, commentId);
    }

    @Override
    public String botLogin() {
        return github.botLogin();
    }

    // An edit or delete names only the comment: every list of the repo goes (one sweep covers one repo).
    private void wrote(RepoRef repo) {
        Sweep s = current.get();
        if (s != null) {
            s.read.keySet().removeIf(k -> k.repo().equals(repo));
        }
    }
}
