package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.Duplicates;
import io.prow.autodeploy.ledger.HoldRecord;
import io.prow.autodeploy.ledger.LedgerCodec;
import io.prow.autodeploy.ledger.PrLedger;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the hold label the picture of our hold record. It carries a hold from the previous autobump PR (closed, or
 * merged and held afterwards) to the new one the autobumper opened, so a hold ends only by a release command: once
 * per PR (a PR that has a carried record is never carried to again). And it puts the label back when someone took
 * it off while our record stands (Prow's hold plugin lets anyone {@code /hold cancel}: kubernetes-sigs/prow
 * pkg/plugins/hold/hold.go removes the label for any commenter), saying once, in the hold's own comment, who may
 * release.
 */
public final class HoldCarrier {
    private static final Logger LOG = LoggerFactory.getLogger(HoldCarrier.class);

    private final Comments comments;
    private final Labels labels;
    private final Clock clock;

    public HoldCarrier(Comments comments, Labels labels, Clock clock) {
        this.comments = comments;
        this.labels = labels;
        this.clock = clock;
    }

    /** Carries a hold if needed, else restores a removed label; true when it changed the PR (read it again). */
    public boolean keepHold(RepoConfig c, PullRequest pr, Reading reading) {
        return carryIfNeeded(c, pr, reading.recentlyClosed(), reading.ledger()) || restoreLabel(c, pr, reading.ledger());
    }

    /**
     * True when it put the hold on {@code pr}. Costs nothing unless the newest earlier autobump PR was held. The label
     * goes first (it is what stops Tide) and the record second; a carry cut short between the two is finished by the
     * next reconcile, which is why a labelled PR is still checked for its record.
     */
    public boolean carryIfNeeded(RepoConfig c, PullRequest pr, List<PullRequest> recentlyClosed, PrLedger mine) {
        String label = c.hold().label();
        if (!pr.open()) {
            return false;
        }
        Optional<PullRequest> previous = recentlyClosed.stream()
                .filter(p -> p.number() < pr.number() && AutobumpPulls.looksLikeAutobump(c, p))
                .max(Comparator.comparingInt(PullRequest::number));
        // Merged or not: with no bump open, a hold (by oncall or an alert after a bad deploy) sits on the newest
        // autobump PR, which is often the merged one. Tide never merges a held PR, so a merged PR carrying the
        // label was held afterwards, for the bumps to come.
        if (previous.isEmpty() || !previous.get().hasLabel(label) || mine.carried()) {
            return false;
        }
        PrLedger before = PrLedger.read(comments.comments(c.repo(), previous.get().number()), comments.botLogin());
        Optional<PrLedger.HoldEntry> ours = before.hold(true) instanceof PrLedger.HoldState.Held h
                ? h.record() : Optional.empty();
        HoldInfo old = ours.map(e -> e.hold().info())
                .orElse(new HoldInfo(null, "carried from #" + previous.get().number(), clock.instant()));
        // Our hold carries as ours (the label follows it); a label someone else put there carries as a label only.
        HoldRecord carried = ours.filter(e -> e.hold().state() == HoldRecord.State.HELD)
                .map(e -> HoldRecord.held(old.by(), old.reason(), old.since(), previous.get().number()))
                .orElse(new HoldRecord(old.by(), old.reason(), old.since(), previous.get().number(),
                        HoldRecord.State.LEGACY, null, null, false));
        if (!pr.hasLabel(label)) {
            labels.addLabels(c.repo(), pr.number(), List.of(label));
        }
        Comment posted = comments.createComment(c.repo(), pr.number(), "Deploys are still held (carried over from #"
                + previous.get().number() + "). " + old.describeInComment()
                + "\n\nComment `/hold cancel` to resume deploys.\n" + carried.marker().render());
        Duplicates.yieldToOlder(comments, c.repo(), pr.number(), posted,
                older -> PrLedger.read(List.of(older), comments.botLogin()).carried());
        return true;
    }

    /**
     * True when our record holds {@code pr} but the label is gone (someone not allowed to release removed it): the
     * label goes back, and the first time the hold's comment says who may release.
     */
    public boolean restoreLabel(RepoConfig c, PullRequest pr, PrLedger ledger) {
        if (!pr.open() || pr.hasLabel(c.hold().label())
                || !(ledger.hold(false) instanceof PrLedger.HoldState.Held h) || h.record().isEmpty()) {
            return false;
        }
        PrLedger.HoldEntry record = h.record().get();
        LOG.info("the hold label left {}#{} without a release; our hold by @{} stands: putting it back", c.repo(),
                pr.number(), record.hold().by());
        labels.addLabels(c.repo(), pr.number(), List.of(c.hold().label()));
        if (!record.hold().restored()) {
            HoldRecord told = record.hold().restoredOnce();
            String body = LedgerCodec.replace(record.comment().body(), HoldRecord.KIND, told.marker())
                    .replace("\n" + told.marker().render(), "\n\nThe `" + c.hold().label() + "` label was removed, "
                            + "but this hold stands until someone allowed comments `/hold cancel` ("
                            + whoMayRelease(c) + "); the label is back.\n" + told.marker().render());
            comments.editComment(c.repo(), record.comment().id(), body);
        }
        return true;
    }

    static String whoMayRelease(RepoConfig c) {
        String who = c.hold().whoCanUnhold().stream().sorted().map(Role::description)
                .collect(Collectors.joining(", "));
        return who.isEmpty() ? "nobody" : who;
    }
}
