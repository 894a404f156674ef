package io.prow.autodeploy.events;

import io.prow.autodeploy.commands.CommandDispatcher;
import io.prow.autodeploy.commands.CommandRegistry;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.reconcile.DeployReconciler;
import io.prow.autodeploy.deploy.reconcile.StatusReport;
import io.prow.autodeploy.github.BotIdentity;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.github.WebhookEvent.CheckEvent;
import io.prow.autodeploy.github.WebhookEvent.IssueCommentEvent;
import io.prow.autodeploy.github.WebhookEvent.PullRequestEvent;
import io.prow.autodeploy.github.WebhookEvent.PushEvent;
import io.prow.autodeploy.github.WebhookEvent.StatusEvent;
import io.prow.autodeploy.github.WebhookEvent;
import io.prow.autodeploy.ledger.OwnLabelWrites;
import io.prow.autodeploy.metrics.Metrics;
import io.prow.autodeploy.rollback.AutobumpPulls;
import io.prow.autodeploy.rollback.RollbackPushGuard;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides on the request thread whether an event can concern us, and queues only those that can, keyed by PR (or
 * by repo, or by SHA when the PR is not known yet: see {@link KeyedExecutor}) so one PR's events run in order. The
 * decision reads memory only (the config, the {@link AutobumpIndex}), with one exception: a comment that may carry
 * a command asks {@link GitHub#botLogin()}, one {@code GET /user} until GitHub has answered it once (then remembered).
 * Then, on a worker: comments go to the commands, everything else that may change a deploy decision goes to the
 * reconciler.
 */
public final class EventRouter implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventRouter.class);

    private final Supplier<PluginConfig> config;
    private final KeyedExecutor executor;
    private final DeployReconciler reconciler;
    private final CommandDispatcher commands;
    private final CommandRegistry registry;
    private final BotIdentity identity;
    private final PullRequests prs;
    private final AutobumpIndex index;
    private final Metrics metrics;
    private final RollbackPushGuard rollbackPushes;
    private final OwnLabelWrites ownLabels;

    public EventRouter(Supplier<PluginConfig> config, KeyedExecutor executor, DeployReconciler reconciler,
                       CommandDispatcher commands, CommandRegistry registry, BotIdentity identity,
                       PullRequests prs, RollbackPushGuard rollbackPushes, AutobumpIndex index, Metrics metrics) {
        this(config, executor, reconciler, commands, registry, identity, prs, rollbackPushes, index, metrics, null);
    }

    /** {@code ownLabels}: the label changes the deploy pipeline made, whose webhooks are skipped (null: none). */
    public EventRouter(Supplier<PluginConfig> config, KeyedExecutor executor, DeployReconciler reconciler,
                       CommandDispatcher commands, CommandRegistry registry, BotIdentity identity,
                       PullRequests prs, RollbackPushGuard rollbackPushes, AutobumpIndex index, Metrics metrics,
                       OwnLabelWrites ownLabels) {
        this.ownLabels = ownLabels;
        this.config = config;
        this.executor = executor;
        this.reconciler = reconciler;
        this.commands = commands;
        this.registry = registry;
        this.identity = identity;
        this.prs = prs;
        this.index = index;
        this.metrics = metrics;
        this.rollbackPushes = rollbackPushes;
    }

    @Override
    public boolean offer(Delivery d) {
        Optional<RepoConfig> rc = d.event().repo() == null ? Optional.empty() : config.get().repo(d.event().repo());
        if (rc.isEmpty()) {
            return true;
        }
        Optional<String> key = keyIfRelevant(rc.get(), d.event());
        if (key.isEmpty()) {
            return true;
        }
        return executor.submit(key.get(), () -> handle(rc.get(), d));
    }

    /** The queue key for an event that may concern us; empty for one that cannot (costs nothing further). */
    Optional<String> keyIfRelevant(RepoConfig c, WebhookEvent e) {
        String repo = c.repo().toString();
        if (e instanceof PullRequestEvent p) {
            if (ownEcho(c, p)) {
                return Optional.empty();
            }
            boolean autobump = AutobumpPulls.looksLikeAutobump(c, p.pr()) && c.baseBranch().equals(p.pr().baseRef());
            return autobump || RollbackPushGuard.concerns(c, p.action(), p.pr()) || closedRollback(c, p)
                    ? Optional.of(repo + "#" + p.pr().number()) : Optional.empty();
        }
        if (e instanceof IssueCommentEvent ic) {
            // Pure checks first: only a comment that may carry a command may cost botLogin()'s one-time GET /user.
            // Only a plain scan here (hook waits on this thread); the worker reads the command itself.
            return "created".equals(ic.action()) && !ic.authorIsBot()
                    && registry.mayCarryCommand(ic.comment().body()) && !isBot(ic.comment().author())
                    ? Optional.of(repo + "#" + ic.number()) : Optional.empty();
        }
        if (e instanceof StatusEvent s) {
            return s.context().equals(c.merge().statusContext()) ? Optional.empty() : shaKey(c, s.sha());
        }
        if (e instanceof CheckEvent ch) {
            return shaKey(c, ch.sha());
        }
        if (e instanceof PushEvent p) {
            // Another PR's merge touches no file an autobump may change: nothing we decide on moved (the bump's own
            // merge and a rollback's come as pull_request closed too, and the sweep still runs). Issue 16: each such
            // merge cost a repo-wide reconcile, the open listing and the bump's checks and ledger.
            boolean ours = p.paths().map(paths -> paths.stream().anyMatch(c.autobump()::allowsPath)).orElse(true);
            return p.ref().equals("refs/heads/" + c.baseBranch()) && ours ? Optional.of(repo) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The webhook GitHub sends back for a label change the deploy pipeline made (sender: our account): the decision
     * that made it knew, so nothing is read (issue 16). A person's change, or one we did not record (Prow's hold
     * plugin under a shared token removing a label we did not), is decided on as before.
     */
    private boolean ownEcho(RepoConfig c, PullRequestEvent p) {
        boolean added = "labeled".equals(p.action());
        return ownLabels != null && p.label() != null && (added || "unlabeled".equals(p.action()))
                && p.sender() != null && isBot(p.sender())
                && ownLabels.isEcho(c.repo(), p.pr().number(), p.label(), added);
    }

    /** Our own login; if GitHub cannot tell us now, no comment is ours (our replies carry no command lines). */
    private boolean isBot(String login) {
        try {
            return identity.botLogin().equals(login);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Optional<String> shaKey(RepoConfig c, String sha) {
        Optional<Optional<Integer>> known = index.lookup(c.repo(), sha);
        if (known.isPresent() && known.get().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(known.flatMap(n -> n).map(n -> c.repo() + "#" + n).orElse(c.repo() + "@" + sha));
    }

    private void handle(RepoConfig c, Delivery d) {
        long start = System.nanoTime();
        // Prow's log keys (kubernetes-sigs/prow pkg/github/types.go: EventGUID, OrgLogField, RepoLogField).
        try (var guid = MDC.putCloseable("event-GUID", d.guid());
             var org = MDC.putCloseable("org", c.repo().owner());
             var repo = MDC.putCloseable("repo", c.repo().name())) {
            route(c, d);
        } catch (GitHubException e) {
            LOG.warn("delivery {} ({}) on {}: GitHub {}: {}; the next event or reconcile converges", d.guid(),
                    d.eventType(), c.repo(), e.status(), e.getMessage());
        } finally {
            metrics.handlingSeconds.labelValues(WebhookEventTypes.label(d.eventType())).observe((System.nanoTime() - start) / 1e9);
        }
    }

    private void route(RepoConfig c, Delivery d) {
        WebhookEvent e = d.event();
        if (e instanceof PullRequestEvent p && RollbackPushGuard.concerns(c, p.action(), p.pr())) {
            rollbackPushes.onPush(c, p.pr(), p.sender());
        } else if (e instanceof PullRequestEvent p) {
            index.saw(p.pr());
            if (closedRollback(c, p)) {
                reconciler.history().forgetAll(c.repo());
            } else if ((closing(p) || "opened".equals(p.action())) && AutobumpPulls.looksLikeAutobump(c, p.pr())) {
                // Opened too: the autobumper closes the previous bump and opens the next one, whose hold carrier
                // must see the closed one even if its close event is late or lost (a 304 when nothing changed).
                reconciler.history().forgetAutobumps(c.repo());
            }
            // Read, not taken from the payload: a redelivered or late payload carries old labels (issue 16 tried it:
            // a redelivered "opened" made the hold carrier edit its comment again, RedeliveryTest CARRY_HOLD).
            reconciler.reconcile(c, p.pr().number());
            if (p.pr().merged()) {
                reconciler.reconcileRepo(c);
            }
        } else if (e instanceof IssueCommentEvent ic) {
            try (var pr = MDC.putCloseable("pr", Integer.toString(ic.number()))) {
                commands.handle(c, ic, d.guid());
            }
        } else if (e instanceof StatusEvent s) {
            Optional<StatusReport> report = s.context() == null ? Optional.empty()
                    : io.prow.autodeploy.github.Check.State.ofCommitStatus(s.state())
                    .map(state -> new StatusReport(s.sha(), s.context(), state));
            reconcileSha(c, s.sha(), List.of(), report);
        } else if (e instanceof CheckEvent ch) {
            reconcileSha(c, ch.sha(), ch.pullNumbers(), Optional.empty());
        } else if (e instanceof PushEvent p) {
            if (p.paths().map(paths -> paths.stream().anyMatch(c.autobump()::allowsPath)).orElse(false)) {
                reconciler.history().basePushed(c.repo()); // a bump's or a rollback's merge (ClosedPullsCache)
            }
            reconciler.reconcileRepo(c);
        }
    }

    private static boolean closing(PullRequestEvent p) {
        return "closed".equals(p.action()) || "reopened".equals(p.action());
    }

    /** One of our rollback PRs (our branch in the repo itself) closed or reopened: a deploy, or one undone. */
    private static boolean closedRollback(RepoConfig c, PullRequestEvent p) {
        PullRequest pr = p.pr();
        return closing(p) && pr.headRef() != null
                && pr.headRef().startsWith(io.prow.autodeploy.rollback.RollbackTitle.BRANCH_PREFIX)
                && c.baseBranch().equals(pr.baseRef()) && c.repo().owner().equalsIgnoreCase(String.valueOf(pr.headOwner()));
    }

    private void reconcileSha(RepoConfig c, String sha, List<Integer> numbers, Optional<StatusReport> report) {
        Optional<Integer> known = index.lookup(c.repo(), sha).flatMap(n -> n);
        if (known.isPresent()) {
            reconciler.reconcile(c, known.get(), report);
            return;
        }
        if (!numbers.isEmpty()) {
            numbers.forEach(n -> reconciler.reconcile(c, n, report));
            return;
        }
        List<PullRequest> open = AutobumpPulls.open(prs, c);
        index.refresh(c.repo(), open);
        open.stream().filter(pr -> pr.headSha().equals(sha)).forEach(pr -> reconciler.reconcile(c, pr.number(), report));
    }
}
