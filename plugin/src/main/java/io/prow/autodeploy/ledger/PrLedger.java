package io.prow.autodeploy.ledger;

import io.prow.autodeploy.github.Comment;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our records on one issue or PR, read once per decision from its comments. Only the bot's own comments count:
 * anyone can paste a marker into a comment, and a person's text quoted by the bot is escaped
 * ({@link PeoplesText}), so neither can forge a record. A record we cannot read is logged once and ignored.
 */
public final class PrLedger {
    private static final Logger LOG = LoggerFactory.getLogger(PrLedger.class);
    // Comment ids already logged as unreadable: bounded, cleared when full (a log line again is harmless).
    private static final Set<Long> LOGGED = ConcurrentHashMap.newKeySet();

    public static final PrLedger EMPTY = new PrLedger(List.of());

    /** One record and the comment carrying it. */
    public record Entry(Comment comment, Marker marker) {}

    private final List<Entry> entries; // newest comment first

    private PrLedger(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static PrLedger read(List<Comment> comments, String bot) {
        return new PrLedger(comments.stream().filter(c -> bot.equals(c.author()) && c.body() != null)
                .sorted(Comparator.comparingLong(Comment::id).reversed())
                .flatMap(c -> LedgerCodec.parseAll(c.body()).stream().map(m -> new Entry(c, m))).toList());
    }

    /** The records of one kind, newest comment first. */
    public List<Entry> all(String kind) {
        return entries.stream().filter(e -> e.marker().kind().equals(kind)).toList();
    }

    /** Every hold record that reads, with its comment, newest first. */
    public List<HoldEntry> holds() {
        return all(HoldRecord.KIND).stream().flatMap(e -> readable(e, HoldRecord.from(e.marker()))
                .map(h -> new HoldEntry(e.comment(), h)).stream()).toList();
    }

    public record HoldEntry(Comment comment, HoldRecord hold) {}

    /** Whether deploys are held on this PR, and by what. */
    public sealed interface HoldState {
        /** Held: by our record ({@code record} present), or only by the label (someone else put it there). */
        record Held(HoldInfo info, Optional<HoldEntry> record) implements HoldState {}

        record NotHeld() implements HoldState {}
    }

    /**
     * Our record is the truth, the label its picture: the newest event by command time among our hold records
     * (holding at {@code since}, released at {@code released-at}) decides. Records from before the ledger count only
     * while {@code labelPresent}, as they did. With no hold of ours standing, the label alone (Prow's {@code /hold}
     * by anyone, or added by hand) still holds, with unknown who and why.
     */
    public HoldState hold(boolean labelPresent) {
        HoldEntry latest = null;
        Instant latestAt = null;
        boolean releasedLast = false;
        // Oldest record first: at equal times the event recorded later wins (a release edits only holds it saw).
        List<HoldEntry> oldestFirst = new java.util.ArrayList<>(holds());
        java.util.Collections.reverse(oldestFirst);
        for (HoldEntry h : oldestFirst) {
            if (h.hold().state() == HoldRecord.State.LEGACY && !labelPresent) {
                continue;
            }
            if (latestAt == null || !h.hold().since().isBefore(latestAt)) {
                latest = h;
                latestAt = h.hold().since();
                releasedLast = false;
            }
            Instant rel = h.hold().releasedAt();
            if (rel != null && !rel.isBefore(latestAt)) {
                latestAt = rel;
                releasedLast = true;
            }
        }
        if (latest != null && !releasedLast) {
            return new HoldState.Held(latest.hold().info(), Optional.of(latest));
        }
        return labelPresent ? new HoldState.Held(new HoldInfo(null, null, null), Optional.empty())
                : new HoldState.NotHeld();
    }

    /** When the newest release of ours happened (a released hold record). */
    public Optional<Instant> latestRelease() {
        return holds().stream().map(h -> h.hold().releasedAt()).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    /** The newest hold command time recorded here. */
    public Optional<Instant> latestHoldAt() {
        return holds().stream().map(h -> h.hold().since()).max(Comparator.naturalOrder());
    }

    /** Our records of holds still standing (not released), newest first. */
    public List<HoldEntry> standingHolds() {
        return holds().stream().filter(h -> h.hold().state() != HoldRecord.State.RELEASED).toList();
    }

    /** A carried hold was written here (once per PR: removing the label by hand afterwards is respected). */
    public boolean carried() {
        return holds().stream().anyMatch(h -> h.hold().carriedFrom() != null);
    }

    /** The reply to part {@code part} of comment {@code commentId}, if the bot wrote one. */
    public Optional<Entry> replyTo(long commentId, int part) {
        return all(ReplyRecord.KIND).stream().filter(e -> ReplyRecord.from(e.marker())
                .filter(r -> r.answers(commentId, part)).isPresent()).findFirst();
    }

    /** Whether one of these comments replies to (a part of) comment {@code commentId}. */
    public boolean repliesTo(long commentId) {
        return all(ReplyRecord.KIND).stream()
                .anyMatch(e -> ReplyRecord.from(e.marker()).filter(r -> r.commentId() == commentId).isPresent());
    }

    /** Refusal replies to {@code login} posted after {@code since}, newest first. */
    public List<Entry> refusalsTo(String login, Instant since) {
        return all(ReplyRecord.KIND).stream()
                .filter(e -> ReplyRecord.from(e.marker()).map(ReplyRecord::refused).filter(login::equals).isPresent())
                .filter(e -> e.comment().createdAt() != null && e.comment().createdAt().isAfter(since)).toList();
    }

    private static <T> Optional<T> readable(Entry e, Optional<T> parsed) {
        if (parsed.isEmpty() && LOGGED.add(e.comment().id())) {
            if (LOGGED.size() > 10_000) {
                LOGGED.clear();
            }
            LOG.warn("ignoring a {} record we cannot read in our comment {}", e.marker().kind(), e.comment().id());
        }
        return parsed;
    }
}
