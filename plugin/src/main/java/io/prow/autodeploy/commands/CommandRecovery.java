package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.github.WebhookEvent.IssueCommentEvent;
import io.prow.autodeploy.ledger.PrLedger;
import io.prow.autodeploy.ledger.ReplyRecord;
import io.prow.autodeploy.rollback.AutobumpPulls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds slash commands that never got a reply: posted while no replica ran (rolling update, crash), or answered 503
 * by a full or draining queue (hook does not retry). At start-up and on every sweep it reads the open autobump PRs
 * and the newest merged one, and returns, in comment order, every command newer than {@code commands.recoveryWindow}
 * without a reply record of ours; they are then run exactly as if just delivered (same parsing, same authorization,
 * same one reply, which says it was picked up late). The reply record is what makes this safe: a command that has
 * one never runs again, across restarts and replicas; two replicas recovering the same command settle on one reply.
 *
 * <p>A command deleted before recovery is not seen, so not run. One edited before recovery runs as it reads now:
 * GitHub keeps no earlier text for us, and what people see is the edited text. Commands on other issues of the repo
 * ({@code /hold} from anywhere) are not recovered: finding them needs every issue comment of the repo on every
 * sweep; comment again on the autobump PR.
 */
public final class CommandRecovery {
    static final String DELIVERY_PREFIX = "recovered-";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private final Comments comments;
    private final CommandRegistry registry;
    private final Clock clock;
    private final java.util.function.Function<RepoConfig, List<PullRequest>> closedAutobumps;

    public CommandRecovery(PullRequests prs, Comments comments, CommandRegistry registry, Clock clock) {
        this(prs, comments, registry, clock, c -> AutobumpPulls.closedAutobumps(prs, c, 1));
    }

    /**
     * {@code closedAutobumps}: where the newest merged bump is taken from; the plugin passes the deploy history's
     * cached listing (ClosedPullsCache), which the sweep's reconcile has just read again whenever a bump could have
     * closed (its close event, its merge's push, or the open autobump PRs changed): a sweep lists it once, not twice.
     */
    public CommandRecovery(PullRequests prs, Comments comments, CommandRegistry registry, Clock clock,
                           java.util.function.Function<RepoConfig, List<PullRequest>> closedAutobumps) {
        this.comments = comments;
        this.registry = registry;
        this.clock = clock;
        this.closedAutobumps = closedAutobumps;
    }

    /** One unanswered command to run, with the delivery id its logs and reply carry. */
    public record Pending(RepoConfig config, IssueCommentEvent event, String deliveryId) {
        public String laneKey() {
            return config.repo() + "#" + event.number();
        }
    }

    static boolean isRecovered(String deliveryId) {
        return deliveryId != null && deliveryId.startsWith(DELIVERY_PREFIX);
    }

    static String when(Instant t) {
        return WHEN.format(t.atOffset(ZoneOffset.UTC));
    }

    /** A PR's comments as the caller has just read them, if it has ({@link SweepComments.Sweep#lastRead}). */
    @FunctionalInterface
    public interface AlreadyRead {
        AlreadyRead NOTHING = (repo, number) -> Optional.empty();

        Optional<List<Comment>> comments(RepoRef repo, int number);
    }

    /** The unanswered commands on {@code open} autobump PRs and the newest merged one, oldest comment first. */
    public List<Pending> find(RepoConfig c, List<PullRequest> open, Duration window) {
        return find(c, open, window, AlreadyRead.NOTHING);
    }

    /**
     * As {@link #find(RepoConfig, List, Duration)}, taking a PR's comments from {@code read} where the same sweep's
     * reconcile has just read them (issue 16: one read of each PR's comments per sweep, not two). Why a list at most
     * one sweep old keeps every command and runs none twice: {@link SweepComments}.
     */
    public List<Pending> find(RepoConfig c, List<PullRequest> open, Duration window, AlreadyRead read) {
        if (window.isZero()) {
            return List.of();
        }
        Map<Integer, PullRequest> prs = new LinkedHashMap<>();
        open.forEach(pr -> prs.put(pr.number(), pr));
        closedAutobumps.apply(c).stream().filter(PullRequest::merged)
                .max(Comparator.comparing(PullRequest::mergedAt)).ifPresent(pr -> prs.putIfAbsent(pr.number(), pr));
        Instant since = clock.instant().minus(window);
        List<Pending> out = new ArrayList<>();
        for (PullRequest pr : prs.values()) {
            List<Comment> comments = read.comments(c.repo(), pr.number())
                    .orElseGet(() -> this.comments.comments(c.repo(), pr.number()));
            PrLedger ledger = PrLedger.read(comments, this.comments.botLogin());
            comments.stream()
                    .filter(cm -> !this.comments.botLogin().equals(cm.author()) && cm.createdAt() != null
                            && cm.createdAt().isAfter(since))
                    .filter(cm -> unanswered(ledger, cm))
                    .map(cm -> new Pending(c, new IssueCommentEvent(c.repo(), "created", pr.number(), true, cm, false),
                            DELIVERY_PREFIX + cm.id()))
                    .forEach(out::add);
        }
        out.sort(Comparator.comparing((Pending p) -> p.event().comment().createdAt())
                .thenComparingLong(p -> p.event().comment().id()));
        return out;
    }

    private boolean unanswered(PrLedger ledger, Comment cm) {
        List<CommandRegistry.Match> matches = registry.find(cm.body());
        if (matches.isEmpty()) {
            return false;
        }
        // The dispatcher skips a comment whose first command has a final answer; so does recovery.
        Optional<PrLedger.Entry> reply = ledger.replyTo(cm.id(), 0);
        return reply.flatMap(e -> ReplyRecord.from(e.marker())).filter(r -> !r.failed()).isEmpty();
    }
}
