package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.Duplicates;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.ledger.HoldRecord;
import io.prow.autodeploy.ledger.LedgerCodec;
import io.prow.autodeploy.ledger.PrLedger;
import io.prow.autodeploy.rollback.AutobumpPulls;
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

    /** What the hold needs on a PR, found by reading only; {@link #write} makes it so (the apply step). */
    public sealed interface Repair permits Carry, Restore {}

    /** Carry the hold of PR {@code from}: the label (if missing) and {@code record}, described by {@code old}. */
    public record Carry(int from, HoldInfo old, HoldRecord record) implements Repair {}

    /** Put back the label our standing {@code record} shows, and say once who may release. */
    public record Restore(PrLedger.HoldEntry record) implements Repair {}

    /**
     * The repair {@code pr}'s hold needs, if any: a carry, else a restore of a removed label. Reads (the previous
     * PR's records), never writes.
     */
    public Optional<Repair> plan(RepoConfig c, PullRequest pr, Reading reading) {
        Optional<Repair> carry = carryIfNeeded(c, pr, reading.recentlyClosed(), reading.ledger());
        return carry.isPresent() ? carry : restoreLabel(c, pr, reading.ledger());
    }

    /** Writes {@code repair} on {@code pr}. */
    public void write(RepoConfig c, PullRequest pr, Repair repair) {
        if (repair instanceof Carry carry) {
            carry(c, pr, carry);
        } else if (repair instanceof Restore restore) {
            restore(c, pr, restore.record());
        }
    }

    /**
     * The carry {@code pr} needs, if any. Costs nothing unless the newest earlier autobump PR was held. The label
     * goes first (it is what stops Tide) and the record second; a carry cut short between the two is finished by the
     * next reconcile, which is why a labelled PR is still checked for its record.
     */
    Optional<Repair> carryIfNeeded(RepoConfig c, PullRequest pr, List<PullRequest> recentlyClosed, PrLedger mine) {
        String label = c.hold().label();
        if (!pr.open()) {
            return Optional.empty();
        }
        Optional<PullRequest> previous = recentlyClosed.stream()
                .filter(p -> p.number() < pr.number() && AutobumpPulls.looksLikeAutobump(c, p))
                .max(Comparator.comparingInt(PullRequest::number));
        // Merged or not: with no bump open, a hold (by oncall or an alert after a bad deploy) sits on the newest
        // autobump PR, which is often the merged one. Tide never merges a held PR, so a merged PR carrying the
        // label was held afterwards, for the bumps to come.
        if (previous.isEmpty() || !previous.get().hasLabel(label) || mine.carried()) {
            return Optional.empty();
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
        return Optional.of(new Carry(previous.get().number(), old, carried));
    }

    private void carry(RepoConfig c, PullRequest pr, Carry carry) {
        String label = c.hold().label();
        if (!pr.hasLabel(label)) {
            labels.addLabels(c.repo(), pr.number(), List.of(label));
        }
        Comment posted = comments.createComment(c.repo(), pr.number(), "Deploys are still held (carried over from #"
                + carry.from() + "). " + carry.old().describeInComment()
                + "\n\nComment `/hold cancel` to resume deploys.\n" + carry.record().marker().render());
        Duplicates.yieldToOlder(comments, c.repo(), pr.number(), posted,
                older -> PrLedger.read(List.of(older), comments.botLogin()).carried());
    }

    /**
     * A restore when our record holds {@code pr} but the label is gone (someone not allowed to release removed it):
     * the label goes back, and the first time the hold's comment says who may release.
     */
    Optional<Repair> restoreLabel(RepoConfig c, PullRequest pr, PrLedger ledger) {
        if (!pr.open() || pr.hasLabel(c.hold().label())
                || !(ledger.hold(false) instanceof PrLedger.HoldState.Held h) || h.record().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Restore(h.record().get()));
    }

    private void restore(RepoConfig c, PullRequest pr, PrLedger.HoldEntry record) {
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
    }

    static String whoMayRelease(RepoConfig c) {
        String who = c.hold().whoCanUnhold().stream().sorted().map(Role::description)
                .collect(Collectors.joining(", "));
        return who.isEmpty() ? "nobody" : who;
    }
}
