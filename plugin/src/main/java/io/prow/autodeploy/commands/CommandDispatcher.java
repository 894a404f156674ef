package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.WebhookEvent.IssueCommentEvent;
import io.prow.autodeploy.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the commands of one comment: find (pure, so a comment without a command costs no API call), authorize,
 * run, and reply. A GitHub failure is retried a few times with growing pauses; if it still fails, the asker is
 * told to comment again, so no command is lost silently.
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandRegistry registry;
    private final Authorizer authorizer;
    private final MarkedReplies replies;
    private final Metrics metrics;
    private final List<Duration> backoff;
    private final Consumer<Duration> pause;
    private final Clock clock;

    /** At most one refusal reply per person per issue in this long: later refusals are logged and counted only. */
    static final Duration REFUSAL_QUIET = Duration.ofHours(1);

    /** {@code pause} is how to wait between tries ({@code Thread::sleep} in production, a recorder in tests). */
    public CommandDispatcher(CommandRegistry registry, Authorizer authorizer, MarkedReplies replies, Metrics metrics,
                             List<Duration> backoff, Consumer<Duration> pause, Clock clock) {
        this.registry = registry;
        this.authorizer = authorizer;
        this.replies = replies;
        this.metrics = metrics;
        this.backoff = List.copyOf(backoff);
        this.pause = pause;
        this.clock = clock;
    }

    public static final List<Duration> DEFAULT_BACKOFF =
            List.of(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(20));

    public void handle(RepoConfig config, IssueCommentEvent e, String deliveryId) {
        List<CommandRegistry.Match> matches = registry.find(e.comment().body());
        if (matches.isEmpty()) {
            return;
        }
        // A redelivered comment that already has its answer is not run again: by now the command may have been
        // undone on purpose (a /hold delivered again after /hold cancel must not hold again).
        CommandInvocation first = invocation(config, e, matches.get(0), deliveryId, 0);
        String firstName = matches.get(0).command().spec().name();
        Optional<Boolean> answered = attempt(() -> replies.answered(first), first, firstName);
        if (answered.isEmpty()) {
            return;
        }
        if (answered.get()) {
            LOG.info("comment {} by @{} was answered before (delivery {} repeats it): nothing to do",
                    e.comment().id(), e.comment().author(), deliveryId);
            matches.forEach(m -> metrics.commands.labelValues(m.command().spec().name(), "repeated").inc());
            return;
        }
        for (int part = 0; part < matches.size(); part++) {
            CommandRegistry.Match m = matches.get(part);
            Command cmd = m.command();
            String name = cmd.spec().name();
            CommandInvocation inv = invocation(config, e, m, deliveryId, part);
            Optional<Boolean> allowed = attempt(
                    () -> authorizer.allowed(config, cmd.whoCan(config), inv.author()), inv, name);
            if (allowed.isEmpty()) {
                continue;
            }
            if (!allowed.get()) {
                LOG.info("{} by @{} refused: not among {}", name, inv.author(), cmd.whoCan(config));
                attempt(() -> {
                    // One refusal reply per person per issue an hour: an outsider cannot make the bot comment
                    // without bound. A later refusal is recorded in that reply (an edit, no notification).
                    if (replies.addToRecentRefusal(inv, clock.instant().minus(REFUSAL_QUIET))) {
                        LOG.info("{} by @{} refused again within {}: not answered", name, inv.author(),
                                REFUSAL_QUIET);
                        metrics.commands.labelValues(name, "refused_unanswered").inc();
                    } else {
                        metrics.commands.labelValues(name, "refused").inc();
                        replies.replyRefused(inv, "`" + name + "` is only available to "
                                + CommandRegistry.whoCanUse(cmd, config) + ". Nothing was changed.");
                    }
                    return true;
                }, inv, name);
                continue;
            }
            attempt(() -> {
                cmd.run(inv);
                return true;
            }, inv, name).ifPresent(done -> metrics.commands.labelValues(name, "done").inc());
        }
    }

    private static CommandInvocation invocation(RepoConfig config, IssueCommentEvent e, CommandRegistry.Match m,
                                                String deliveryId, int part) {
        return new CommandInvocation(config, e.number(), e.onPullRequest(), e.comment().author(), e.comment(),
                m.args(), deliveryId, part);
    }

    /** Runs {@code step} with retries on transient GitHub failures; empty when it finally failed (asker told). */
    private <T> Optional<T> attempt(Supplier<T> step, CommandInvocation inv, String name) {
        for (int i = 0; ; i++) {
            try {
                return Optional.of(step.get());
            } catch (GitHubException e) {
                // GitHub's Retry-After is a floor, never shortened. Longer than our longest pause, a worker would
                // sit idle too long (and past the shutdown grace): give up and ask for the command again instead.
                boolean waitTooLong = e.retryAfter().filter(d -> d.compareTo(longestPause()) > 0).isPresent();
                boolean again = e.isTransient() && i < backoff.size() && !waitTooLong;
                LOG.warn("{} by @{} (delivery {}) failed on try {}: GitHub {}: {}{}", name, inv.author(),
                        inv.deliveryId(), i + 1, e.status(), e.getMessage(), again ? "; retrying" : "");
                if (again) {
                    Duration planned = backoff.get(i);
                    pause.accept(e.retryAfter().filter(d -> d.compareTo(planned) > 0).orElse(planned));
                    continue;
                }
                metrics.commands.labelValues(name, "failed").inc();
                tellFailed(inv, name, e);
                return Optional.empty();
            }
        }
    }

    private Duration longestPause() {
        return backoff.isEmpty() ? Duration.ZERO : backoff.get(backoff.size() - 1);
    }

    private void tellFailed(CommandInvocation inv, String name, GitHubException e) {
        try {
            replies.replyFailed(inv, "`" + name + "` could not be completed because GitHub gave "
                    + e.answered() + ". On an autobump PR it is tried again at the plugin's next sweep (command "
                    + "recovery); elsewhere, please comment `" + name + "` again in a few minutes.");
        } catch (GitHubException again) {
            LOG.error("{} by @{} (delivery {}) failed and the failure reply failed too: {}", name, inv.author(),
                    inv.deliveryId(), again.getMessage());
        }
    }
}
