package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.ledger.LedgerCodec;
import io.prow.autodeploy.ledger.Marker;
import io.prow.autodeploy.ledger.PrLedger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What our own marker comments on an autobump PR say, so GitHub stays the only store: an oncall approval of the
 * breaking-change guard (bound to the tag), a one-time {@code /deploy-now} (bound to the head SHA), the
 * {@code /retest}s made for the head SHA, and whether the breaking-change notice for the current range is posted.
 * Read from the PR's {@link PrLedger} (only the bot's comments count; reasons are base64url, one codec).
 *
 * <p>{@code read} is false when the reader did not need the comments: nothing is known then, and the follow-ups
 * that write markers do nothing (they would otherwise write twice).
 */
public record PrMarkers(boolean read, Optional<Approval> approval, Optional<DeployNow> deployNow, Retests retests,
                        boolean noticePosted) {
    public static final PrMarkers UNREAD = new PrMarkers(false, Optional.empty(), Optional.empty(), Retests.NONE,
            false);

    /** Oncall opened the breaking-change guard for {@code tag} with the comment {@code commentId}. */
    public record Approval(String by, String reason, String tag, long commentId) {}

    /** Oncall let the head SHA {@code sha} skip the window and pacing once, with the comment {@code commentId}. */
    public record DeployNow(String by, String reason, String sha, long commentId) {}

    /** How many {@code /retest}s we made for the head SHA, and when the last one was. */
    public record Retests(int count, Optional<Instant> last) {
        public static final Retests NONE = new Retests(0, Optional.empty());
    }

    /** Reads the markers that concern the PR as it is now: its {@code tag}, {@code headSha} and source {@code range}. */
    public static PrMarkers read(List<Comment> comments, String bot, Optional<String> tag, String headSha,
                                 Optional<String> range) {
        return of(PrLedger.read(comments, bot), tag, headSha, range);
    }

    /** The records of {@code ledger} that concern the PR as it is now. */
    public static PrMarkers of(PrLedger ledger, Optional<String> tag, String headSha, Optional<String> range) {
        Optional<Approval> approval = ledger.all("approve-deploy").stream().map(PrMarkers::approval)
                .flatMap(Optional::stream).filter(a -> tag.isPresent() && a.tag().equals(tag.get())).findFirst();
        Optional<DeployNow> deployNow = ledger.all("deploy-now").stream().map(PrMarkers::deployNow)
                .flatMap(Optional::stream).filter(d -> d.sha().equals(headSha)).findFirst();
        List<PrLedger.Entry> retests = ledger.all("retest").stream()
                .filter(e -> headSha.equals(e.marker().fields().get("sha"))).toList();
        Retests r = new Retests(retests.size(), retests.stream().map(e -> e.comment().createdAt())
                .filter(java.util.Objects::nonNull).max(Instant::compareTo));
        boolean notice = range.isPresent() && ledger.all("breaking-changes").stream()
                .anyMatch(e -> range.get().equals(e.marker().fields().get("range")));
        return new PrMarkers(true, approval, deployNow, r, notice);
    }

    private static Optional<Approval> approval(PrLedger.Entry e) {
        Marker m = e.marker();
        return m.field("tag").flatMap(tag -> m.field("comment").filter(c -> c.matches("\\d{1,19}"))
                .map(c -> new Approval(m.field("by").orElse("unknown"),
                        LedgerCodec.untext(m.field("reason").orElse("")).orElse(""), tag, Long.parseLong(c))));
    }

    private static Optional<DeployNow> deployNow(PrLedger.Entry e) {
        Marker m = e.marker();
        return m.field("sha").filter(sha -> sha.matches("[0-9a-f]{7,40}")).flatMap(sha -> m.field("comment")
                .filter(c -> c.matches("\\d{1,19}")).map(c -> new DeployNow(m.field("by").orElse("unknown"),
                        LedgerCodec.untext(m.field("reason").orElse("")).orElse(""), sha, Long.parseLong(c))));
    }

    public static String marker(Approval a) {
        return Marker.of("approve-deploy").with("tag", a.tag()).with("by", login(a.by()))
                .with("comment", a.commentId()).with("reason", LedgerCodec.text(a.reason())).render();
    }

    public static String marker(DeployNow d) {
        return Marker.of("deploy-now").with("sha", d.sha()).with("by", login(d.by()))
                .with("comment", d.commentId()).with("reason", LedgerCodec.text(d.reason())).render();
    }

    public static String retestMarker(String sha, int n) {
        return Marker.of("retest").with("sha", sha).with("n", n).render();
    }

    public static String noticeMarker(String range) {
        return Marker.of("breaking-changes").with("range", range.replaceAll("[\\s<>]", "")).render();
    }

    public PrMarkers withRetest(Instant at) {
        return new PrMarkers(read, approval, deployNow, new Retests(retests.count() + 1, Optional.of(at)), noticePosted);
    }

    public PrMarkers withNotice() {
        return new PrMarkers(read, approval, deployNow, retests, true);
    }

    private static String login(String by) {
        String clean = LedgerCodec.login(by);
        return clean.isEmpty() ? "unknown" : clean;
    }
}
