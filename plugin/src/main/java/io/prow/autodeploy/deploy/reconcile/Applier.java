package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.github.StatusState;
import io.prow.autodeploy.github.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes GitHub match a decision, changing only the difference: merge labels on when every gate is open and off
 * otherwise, and our status rewritten only when its state or text changed. Applying the same decision twice
 * makes no call the second time, which is what makes redelivered and concurrent events harmless.
 */
public final class Applier {
    private final PullRequests prs;
    private final Labels labels;
    private final Statuses statuses;
    private final String statusUrl;

    public Applier(PullRequests prs, Labels labels, Statuses statuses, String statusUrl) {
        this.prs = prs;
        this.labels = labels;
        this.statuses = statuses;
        this.statusUrl = statusUrl;
    }

    /** The mutations made, in words, for logs and tests. */
    public List<String> apply(Snapshot s, Decision d) {
        return apply(s, d, Optional.empty());
    }

    /**
     * As {@link #apply(Snapshot, Decision)}; {@code headRead}: the PR's head SHA as read after every read the decision
     * was made on (DeployReconciler reads it beside the deploy's history re-read), so it is not read here again.
     */
    public List<String> apply(Snapshot s, Decision d, Optional<String> headRead) {
        List<String> done = new ArrayList<>();
        PullRequest pr = s.pr();
        List<String> labels = s.config().merge().labels();
        if (d.deploy()) {
            List<String> missing = labels.stream().filter(l -> !pr.hasLabel(l)).toList();
            if (!missing.isEmpty()) {
                // The one write that lets Tide merge: labels are not bound to a SHA (statuses are), so a force-push
                // between the snapshot's reads and this write would label an untested head. Read the PR again right
                // before (or take the read the decision made after its own reads); it costs one request and only on
                // the rare call that adds the label.
                String headNow = headRead.orElseGet(() -> prs.pullRequest(pr.repo(), pr.number()).headSha());
                if (!headNow.equals(pr.headSha())) {
                    done.add("not labelled: head moved from " + shortSha(pr.headSha()) + " to " + shortSha(headNow)
                            + " since the decision (its synchronize event decides again)");
                    return done; // the status would describe the old head only; the new head's decision writes its own
                }
                this.labels.addLabels(pr.repo(), pr.number(), missing);
                done.add("added " + missing);
            }
        } else {
            for (String l : labels) {
                if (pr.hasLabel(l)) {
                    this.labels.removeLabel(pr.repo(), pr.number(), l);
                    done.add("removed " + l);
                }
            }
        }
        String context = s.config().merge().statusContext();
        StatusState state = d.statusState();
        String text = d.statusText();
        Optional<Check> current = s.checks().stream().filter(c -> c.context().equals(context)).findFirst();
        boolean same = current.isPresent() && current.get().state() == fold(state)
                && text.equals(current.get().description());
        if (!same) {
            statuses.setStatus(pr.repo(), pr.headSha(), state, context, text, d.statusLink().orElse(statusUrl));
            done.add("status " + state.api() + " \"" + text + "\"");
        }
        return done;
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static Check.State fold(StatusState s) {
        return switch (s) {
            case SUCCESS -> Check.State.SUCCESS;
            case PENDING -> Check.State.PENDING;
            default -> Check.State.FAILURE;
        };
    }
}
