package io.prow.autodeploy.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.prow.autodeploy.config.DeployWindow;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.ledger.HoldInfo;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.rollback.Deploy;
import io.prow.autodeploy.rollout.DeliveryMetrics;
import io.prow.autodeploy.rollout.RolloutState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The status page's view model, also served as {@code GET /status.json}: the HTML renders exactly this, so both
 * always agree. Built from the {@link StatusBoard} (what reconciles saw) and the config (window); a page view costs
 * no GitHub call. Absent values are JSON {@code null}, so the shape is the same for every repo. It carries only what
 * GitHub shows anyone who can see the repo: never a token, secret or config path.
 */
public final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private StatusJson() {}

    public record Status(Instant generatedAt, List<RepoStatus> repos) {}

    /** {@code seenAt}: the last reconcile that read GitHub; null before the first. */
    public record RepoStatus(String repo, String baseBranch, DeployJson deployed, HoldJson hold, WindowJson window,
                             List<OpenPr> openPullRequests, List<DeployJson> recentDeploys, Instant seenAt,
                             Instant lastFailureAt, RolloutJson rollout, DeliveryJson delivery) {
        public RepoStatus(String repo, String baseBranch, DeployJson deployed, HoldJson hold, WindowJson window,
                          List<OpenPr> openPullRequests, List<DeployJson> recentDeploys, Instant seenAt,
                          Instant lastFailureAt, RolloutJson rollout) {
            this(repo, baseBranch, deployed, hold, window, openPullRequests, recentDeploys, seenAt, lastFailureAt,
                    rollout, null);
        }

        /** Without the rollout (a repo whose rollout is not followed). */
        public RepoStatus(String repo, String baseBranch, DeployJson deployed, HoldJson hold, WindowJson window,
                          List<OpenPr> openPullRequests, List<DeployJson> recentDeploys, Instant seenAt,
                          Instant lastFailureAt) {
            this(repo, baseBranch, deployed, hold, window, openPullRequests, recentDeploys, seenAt, lastFailureAt,
                    null);
        }
    }

    /**
     * The latest deploy's rollout: {@code phase} not_followed|applying|running|failed|stuck|unknown; {@code deploy}
     * is the newest merged deploy (the in-flight one unless running); {@code containers} "4/6 containers" or null.
     */
    /**
     * The four delivery figures over the last {@code periodDays} (see the README's Rollout section); a figure is null
     * when there is nothing to compute it from. {@code days}: deploys per UTC day, oldest first (the chart).
     */
    public record DeliveryJson(int periodDays, int deploys, double deploysPerDay, Long leadTimeSeconds,
                               Double changeFailureRate, Long timeToRestoreSeconds, int incidents, List<DayJson> days) {}

    public record DayJson(String date, int deploys, int failed) {}

    public record RolloutJson(String phase, DeployJson deploy, String detail, String containers,
                              Instant runningSince, String failedJob, String failedJobUrl, List<String> notOnTag) {}

    public record DeployJson(String tag, String kind, int number, String url, Instant mergedAt) {}

    /** {@code waitingSeconds}: how long it has been trusted with green tests without deploying (0 if not green). */
    public record OpenPr(int number, String title, String url, String tag, String headSha, boolean deploying,
                         String status, List<GateJson> gates, long waitingSeconds) {}

    public record GateJson(String gate, boolean open, String reason, Instant opensAt) {}

    /** {@code by} and {@code reason} are null when the hold label was added by hand. */
    public record HoldJson(String by, String reason, Instant since, String text) {}

    /** {@code nextOpening}: now when open; {@code closesAt}: when the current open stretch ends (null if closed). */
    public record WindowJson(String timezone, List<String> days, String hours, List<String> blackouts,
                             boolean openNow, Instant nextOpening, Instant closesAt) {}

    public static Status build(PluginConfig config, StatusBoard board, Instant now) {
        return new Status(now, config.repos().stream().map(rc -> repo(rc, board, now)).toList());
    }

    public static String write(Status status) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status is plain records and cannot fail to serialize", e);
        }
    }

    private static RepoStatus repo(RepoConfig rc, StatusBoard board, Instant now) {
        Optional<StatusBoard.RepoView> view = board.view(rc.repo());
        return new RepoStatus(rc.repo().toString(), rc.baseBranch(),
                view.flatMap(StatusBoard.RepoView::deployed).map(StatusJson::deploy).orElse(null),
                view.flatMap(StatusBoard.RepoView::hold).map(StatusJson::hold).orElse(null),
                window(rc, now),
                view.map(v -> v.open().stream().map(p -> openPr(p, now)).toList()).orElse(List.of()),
                view.map(v -> v.recentDeploys().stream().map(StatusJson::deploy).toList()).orElse(List.of()),
                view.map(StatusBoard.RepoView::updatedAt).orElse(null),
                view.flatMap(StatusBoard.RepoView::failedAt).orElse(null),
                view.map(v -> rollout(v.rollout())).orElse(null),
                view.map(v -> delivery(v.delivery())).orElse(null));
    }

    private static DeliveryJson delivery(DeliveryMetrics.Figures f) {
        return new DeliveryJson((int) DeliveryMetrics.PERIOD.toDays(), f.deploys(),
                Math.round(f.deploysPerDay() * 1000) / 1000.0, f.leadTime().map(Duration::toSeconds).orElse(null),
                f.changeFailureRate().map(r -> Math.round(r * 1000) / 1000.0).orElse(null),
                f.timeToRestore().map(Duration::toSeconds).orElse(null), f.incidents(),
                f.days().stream().map(d -> new DayJson(d.date().toString(), d.deploys(), d.failed())).toList());
    }

    private static RolloutJson rollout(RolloutState r) {
        return new RolloutJson(r.phase().name().toLowerCase(Locale.ROOT), r.deploy().map(StatusJson::deploy)
                .orElse(null), r.detail(), r.total() == 0 ? null : r.containers(), r.runningSince().orElse(null),
                r.failedJob().map(RolloutState.FailedJob::context).orElse(null),
                r.failedJob().map(RolloutState.FailedJob::url).orElse(null), r.notOnTag());
    }

    private static DeployJson deploy(Deploy d) {
        return new DeployJson(d.tag(), d.kind().name().toLowerCase(Locale.ROOT), d.number(), d.url(), d.mergedAt());
    }

    private static HoldJson hold(HoldInfo h) {
        return new HoldJson(h.by(), h.reason(), h.since(), h.describe());
    }

    private static OpenPr openPr(StatusBoard.PendingPr p, Instant now) {
        List<GateJson> gates = p.decision().results().stream().map(StatusJson::gate).toList();
        return new OpenPr(p.pr().number(), p.pr().title(), p.pr().htmlUrl(), p.decision().tag().orElse(null),
                p.pr().headSha(), p.decision().deploy(), p.decision().statusText(), gates,
                p.waited(now).toSeconds());
    }

    private static GateJson gate(GateResult r) {
        return new GateJson(r.gate(), r.open(), r.reason(), r.opensAt().orElse(null));
    }

    private static WindowJson window(RepoConfig rc, Instant now) {
        RepoConfig.Window w = rc.window();
        DeployWindow window = new DeployWindow(w);
        boolean open = window.isOpen(now);
        List<String> days = w.days().stream().sorted().map(DayOfWeek::name).toList();
        List<String> blackouts = w.blackouts().stream()
                .map(r -> r.from().equals(r.to()) ? r.from().toString() : r.from() + ".." + r.to()).toList();
        return new WindowJson(w.timezone().getId(), days, w.start() + "-" + hhmm(w.end()), blackouts, open,
                window.nextOpening(now).orElse(null), open ? window.closesAt(now).orElse(null) : null);
    }

    /** The config stores an end of 24:00 as {@link LocalTime#MAX}; show it as people wrote it. */
    private static String hhmm(LocalTime t) {
        return t.equals(LocalTime.MAX) ? "24:00" : t.toString();
    }
}
