package io.prow.autodeploy.ledger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.RepoRef;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The label changes the plugin made, so that the webhook GitHub sends back for each ({@code pull_request} labeled or
 * unlabeled, sender: our account) costs nothing: the decision that made the change already knew (issue 16: each
 * cost a PR read, charged whenever the base branch had moved). Each change we made answers one such webhook, within
 * {@link #KEEP}; anything else (a person's change, Prow's hold plugin removing the hold label even under our token,
 * a change of ours whose webhook came later than that) is decided on as before. Wraps the Labels role the deploy
 * pipeline writes through; bounded in entries.
 */
public final class OwnLabelWrites implements Labels {
    public static final Duration KEEP = Duration.ofMinutes(10);
    private static final int MAX_ENTRIES = 1_000;

    private record Change(RepoRef repo, int number, String label, boolean added) {}

    private final Labels delegate;
    private final Cache<Change, Integer> pending;

    public OwnLabelWrites(Labels delegate, Clock clock) {
        this.delegate = delegate;
        this.pending = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(KEEP)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    @Override
    public void addLabels(RepoRef repo, int number, List<String> labels) {
        delegate.addLabels(repo, number, labels);
        labels.forEach(l -> note(new Change(repo, number, l, true)));
    }

    @Override
    public void removeLabel(RepoRef repo, int number, String label) {
        delegate.removeLabel(repo, number, label);
        note(new Change(repo, number, label, false));
    }

    private void note(Change c) {
        pending.asMap().merge(c, 1, Integer::sum);
    }

    /** Whether a labeled ({@code added}) or unlabeled webhook is the echo of a change we made; it is used up. */
    public boolean isEcho(RepoRef repo, int number, String label, boolean added) {
        boolean[] mine = new boolean[1];
        pending.asMap().computeIfPresent(new Change(repo, number, label, added), (k, n) -> {
            mine[0] = true;
            return n > 1 ? n - 1 : null;
        });
        return mine[0];
    }

    /** Changes waiting for their webhook (the benchmark's map sizes). */
    public long size() {
        return pending.estimatedSize();
    }
}
