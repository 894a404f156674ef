package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.PrLedger;
import java.util.List;

/**
 * A snapshot plus what was read on the way that other steps reuse: recently closed PRs (history, carried holds) and
 * the PR's ledger (our records, read once per decision).
 */
public record Reading(Snapshot snapshot, List<PullRequest> recentlyClosed, PrLedger ledger) {
    public Reading(Snapshot snapshot, List<PullRequest> recentlyClosed) {
        this(snapshot, recentlyClosed, PrLedger.EMPTY);
    }
}
