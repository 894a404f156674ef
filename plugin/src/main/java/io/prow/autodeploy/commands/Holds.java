package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.reconcile.DeployReconciler;
import io.prow.autodeploy.deploy.reconcile.HoldCarrier;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.ledger.DeployHolds;
import io.prow.autodeploy.ledger.Duplicates;
import io.prow.autodeploy.ledger.HoldRecord;
import io.prow.autodeploy.ledger.LedgerCodec;
import io.prow.autodeploy.ledger.PeoplesText;
import io.prow.autodeploy.ledger.PrLedger;
import io.prow.autodeploy.rollback.AutobumpPulls;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds live on GitHub only: our hold record (the truth: who, why, since, released or not) and the hold label (its
 * picture: the one Prow's hold plugin and Tide's missingLabels use) on the latest autobump PR. With no open bump
 * the hold goes on the newest closed one, and {@link HoldCarrier} moves it to the next bump.
 *
 * <p>Holds and releases of one repo are ordered: they run one at a time per repo (a lock, since a hold from another
 * issue and a release on the PR arrive on different lanes), read the PRs inside it, and the later command by comment
 * time wins: a release posted before a hold it meets (in the records, or handled earlier by this process) leaves
 * the hold standing. Each change ends with a reconcile, so the merge labels and status follow at once.
 */
public final class Holds implements DeployHolds {
    private final PullRequests prs;
    private final Comments comments;
    private final Labels labels;
    private final DeployReconciler reconciler;
    private final Clock clock;
    // One entry per configured repo: bounded by the config.
    private final ConcurrentHashMap<String, Object> repoLocks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> lastHoldAt = new ConcurrentHashMap<>();

    public Holds(PullRequests prs, Comments comments, Labels labels, DeployReconciler reconciler, Clock clock) {
        this.prs = prs;
        this.comments = comments;
        this.labels = labels;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    @Override
    public Optional<PullRequest> hold(RepoConfig c, String by, String reason) {
        return hold(c, new Request(by, reason, clock.instant(), 0)).pr();
    }

    @Override
    public Optional<PullRequest> release(RepoConfig c, String by) {
        return release(c, new Request(by, null, clock.instant(), 0)).pr();
    }

    @Override
    public void recorded(RepoConfig c, int number) {
        reconciler.reconcile(c, number);
    }

    @Override
    public Outcome hold(RepoConfig c, Request req) {
        synchronized (repoLocks.computeIfAbsent(c.repo().toString(), k -> new Object())) {
            List<PullRequest> open = AutobumpPulls.open(prs, c);
            Optional<PullRequest> target = open.isEmpty() ? AutobumpPulls.latest(prs, c)
                    : open.stream().max(Comparator.comparingInt(PullRequest::number));
            if (target.isEmpty()) {
                return Outcome.of(target);
            }
            PullRequest pr = target.get();
            return reconciler.withLock(c, pr.number(), () -> holdLocked(c, pr, req));
        }
    }

    private Outcome holdLocked(RepoConfig c, PullRequest pr, Request req) {
        PrLedger ledger = PrLedger.read(comments.comments(c.repo(), pr.number()), comments.botLogin());
        Optional<Instant> laterRelease = ledger.latestRelease().filter(r -> r.isAfter(req.at()));
        if (laterRelease.isPresent()) {
            return new Outcome(Optional.of(pr), Optional.empty(), laterRelease);
        }
        lastHoldAt.merge(c.repo().toString(), req.at(), (a, b) -> a.isAfter(b) ? a : b);
        if (!pr.hasLabel(c.hold().label())) {
            labels.addLabels(c.repo(), pr.number(), List.of(c.hold().label()));
        }
        for (String l : c.merge().labels()) {
            if (pr.hasLabel(l)) {
                labels.removeLabel(c.repo(), pr.number(), l);
            }
        }
        Optional<PrLedger.HoldEntry> same = ledger.hold(true) instanceof PrLedger.HoldState.Held h
                ? h.record().filter(r -> r.hold().sameHold(req.by(), req.reason())) : Optional.empty();
        // This very command's record, written by a try whose answer was lost: the reply keeps carrying it.
        Optional<String> forReply = same.filter(r -> req.askedOn() == pr.number() && req.commentId() != 0
                        && PrLedger.read(List.of(r.comment()), comments.botLogin()).repliesTo(req.commentId()))
                .map(r -> r.hold().marker().render());
        if (same.isEmpty()) {
            HoldRecord record = HoldRecord.held(req.by(), req.reason(), req.at(), null);
            if (req.askedOn() == pr.number()) {
                forReply = Optional.of(record.marker().render());
            } else {
                Comment posted = comments.createComment(c.repo(), pr.number(), record.info().describeInComment()
                        + ". Automatic deploys are stopped until someone allowed comments `/hold cancel`; later "
                        + "autobump PRs stay held too.\n" + record.marker().render());
                Duplicates.yieldToOlder(comments, c.repo(), pr.number(), posted,
                        Duplicates.carries(record.marker(), List.of("by", "since", "reason")));
            }
        }
        // When the reply carries the record, the caller reconciles once it is written (recorded()): reconciling now
        // would publish a passing "Held by hold label" status, one more write that says less. The merge labels are
        // already off, so nothing can merge in between.
        if (pr.open() && forReply.isEmpty()) {
            reconciler.reconcile(c, pr.number());
        }
        return new Outcome(Optional.of(pr), forReply, Optional.empty());
    }

    /**
     * Returns the PR deploys resume on: the held one, or, when nothing is held (any more), the open autobump PR. So
     * a release repeated after a failure half way answers as the first try would have, not "was not held".
     */
    @Override
    public Outcome release(RepoConfig c, Request req) {
        synchronized (repoLocks.computeIfAbsent(c.repo().toString(), k -> new Object())) {
            String label = c.hold().label();
            List<PullRequest> recent = AutobumpPulls.recent(prs, c); // read inside the lock: no stale "held" list
            Optional<PullRequest> newest = recent.stream().max(Comparator.comparingInt(PullRequest::number));
            List<PullRequest> held = recent.stream()
                    .filter(p -> p.hasLabel(label) || newest.filter(n -> n.number() == p.number()).isPresent())
                    .toList();
            Optional<Instant> overruled = Optional.ofNullable(lastHoldAt.get(c.repo().toString()))
                    .filter(t -> t.isAfter(req.at()));
            List<PullRequest> released = new java.util.ArrayList<>();
            for (PullRequest pr : held) {
                Optional<Instant> later = reconciler.withLock(c, pr.number(), () -> releaseLocked(c, pr, req));
                overruled = later.isPresent() ? later : overruled;
                if (later.isEmpty() && pr.hasLabel(label)) {
                    released.add(pr);
                }
            }
            Optional<PullRequest> on = released.stream().filter(PullRequest::open).findFirst()
                    .or(() -> released.stream().findFirst())
                    .or(() -> recent.stream().filter(PullRequest::open).max(Comparator.comparingInt(PullRequest::number)));
            return new Outcome(on, Optional.empty(), overruled);
        }
    }

    /** Releases our standing records on {@code pr} and takes the label off; or the later hold that overrules it. */
    private Optional<Instant> releaseLocked(RepoConfig c, PullRequest pr, Request req) {
        PrLedger ledger = PrLedger.read(comments.comments(c.repo(), pr.number()), comments.botLogin());
        Optional<Instant> laterHold = ledger.latestHoldAt().filter(t -> t.isAfter(req.at()))
                .or(() -> Optional.ofNullable(lastHoldAt.get(c.repo().toString())).filter(t -> t.isAfter(req.at())));
        if (laterHold.isPresent()) {
            return laterHold;
        }
        for (PrLedger.HoldEntry h : ledger.standingHolds()) {
            HoldRecord released = h.hold().released(req.by(), req.at());
            String body = LedgerCodec.replace(h.comment().body(), HoldRecord.KIND, released.marker())
                    .replace("\n" + released.marker().render(), "\n\n**Released** by " + PeoplesText.escape("@"
                            + req.by()) + " (comment posted " + req.at() + ").\n" + released.marker().render());
            comments.editComment(c.repo(), h.comment().id(), body);
        }
        labels.removeLabel(c.repo(), pr.number(), c.hold().label());
        if (pr.open()) {
            reconciler.reconcile(c, pr.number());
        }
        return Optional.empty();
    }
}
