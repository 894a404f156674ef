package io.prow.autodeploy.deploy;

import io.prow.autodeploy.github.Comment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What our own marker comments on an autobump PR say, so GitHub stays the only store: an oncall approval of the
 * breaking-change guard (bound to the tag), a one-time {@code /deploy-now} (bound to the head SHA), the
 * {@code /retest}s made for the head SHA, and whether the breaking-change notice for the current range is posted.
 * Only the bot's comments count; reasons are base64url, so a person's text can never close or forge a marker.
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

    private static final String LOGIN = "[A-Za-z0-9-\\[\\]]+";
    private static final String B64 = "[A-Za-z0-9_=-]*";
    private static final Pattern APPROVAL = Pattern.compile("<!-- autodeploy:approve-deploy tag=([A-Za-z0-9._-]+) by=("
            + LOGIN + ") comment=(\\d+) reason=(" + B64 + ") -->");
    private static final Pattern DEPLOY_NOW = Pattern.compile("<!-- autodeploy:deploy-now sha=([0-9a-f]{7,40}) by=("
            + LOGIN + ") comment=(\\d+) reason=(" + B64 + ") -->");
    private static final Pattern RETEST = Pattern.compile("<!-- autodeploy:retest sha=([0-9a-f]{7,40}) n=(\\d+) -->");
    private static final Pattern NOTICE = Pattern.compile("<!-- autodeploy:breaking-changes range=(\\S+) -->");

    /** Reads the markers that concern the PR as it is now: its {@code tag}, {@code headSha} and source {@code range}. */
    public static PrMarkers read(List<Comment> comments, String bot, Optional<String> tag, String headSha,
                                 Optional<String> range) {
        List<Comment> ours = comments.stream().filter(c -> bot.equals(c.author()) && c.body() != null)
                .sorted(Comparator.comparingLong(Comment::id).reversed()).toList();
        Optional<Approval> approval = ours.stream().map(c -> APPROVAL.matcher(c.body())).filter(Matcher::find)
                .map(m -> new Approval(m.group(2), decode(m.group(4)), m.group(1), Long.parseLong(m.group(3))))
                .filter(a -> tag.isPresent() && a.tag().equals(tag.get())).findFirst();
        Optional<DeployNow> deployNow = ours.stream().map(c -> DEPLOY_NOW.matcher(c.body())).filter(Matcher::find)
                .map(m -> new DeployNow(m.group(2), decode(m.group(4)), m.group(1), Long.parseLong(m.group(3))))
                .filter(d -> d.sha().equals(headSha)).findFirst();
        List<Comment> retests = ours.stream().filter(c -> {
            Matcher m = RETEST.matcher(c.body());
            return m.find() && m.group(1).equals(headSha);
        }).toList();
        Retests r = new Retests(retests.size(), retests.stream().map(Comment::createdAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo));
        boolean notice = range.isPresent() && ours.stream().map(c -> NOTICE.matcher(c.body()))
                .anyMatch(m -> m.find() && m.group(1).equals(range.get()));
        return new PrMarkers(true, approval, deployNow, r, notice);
    }

    public static String marker(Approval a) {
        return "<!-- autodeploy:approve-deploy tag=" + a.tag() + " by=" + login(a.by()) + " comment=" + a.commentId()
                + " reason=" + encode(a.reason()) + " -->";
    }

    public static String marker(DeployNow d) {
        return "<!-- autodeploy:deploy-now sha=" + d.sha() + " by=" + login(d.by()) + " comment=" + d.commentId()
                + " reason=" + encode(d.reason()) + " -->";
    }

    public static String retestMarker(String sha, int n) {
        return "<!-- autodeploy:retest sha=" + sha + " n=" + n + " -->";
    }

    public static String noticeMarker(String range) {
        return "<!-- autodeploy:breaking-changes range=" + range.replaceAll("\\s", "") + " -->";
    }

    public PrMarkers withRetest(Instant at) {
        return new PrMarkers(read, approval, deployNow, new Retests(retests.count() + 1, Optional.of(at)), noticePosted);
    }

    public PrMarkers withNotice() {
        return new PrMarkers(read, approval, deployNow, retests, true);
    }

    private static String login(String by) {
        String clean = by == null ? "" : by.replaceAll("[^A-Za-z0-9-\\[\\]]", "");
        return clean.isEmpty() ? "unknown" : clean;
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().encodeToString((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String b64) {
        try {
            return new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
