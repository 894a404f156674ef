package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.events.WebhookEvent.IssueCommentEvent;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.metrics.Metrics;
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
    private final Replies replies;
    private final Metrics metrics;
    private final List<Duration> backoff;
    private final Consumer<Duration> pause;

    /** {@code pause} is how to wait between tries ({@code Thread::sleep} in production, a recorder in tests). */
    public CommandDispatcher(CommandRegistry registry, Authorizer authorizer, Replies replies, Metrics metrics,
                             List<Duration> backoff, Consumer<Duration> pause) {
        this.registry = registry;
        this.authorizer = authorizer;
        this.replies = replies;
        this.metrics = metrics;
        this.backoff = List.copyOf(backoff);
        this.pause = pause;
    }

    public static final List<Duration> DEFAULT_BACKOFF =
            List.of(Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(20));

    public void handle(RepoConfig config, IssueCommentEvent e, String deliveryId) {
        for (CommandRegistry.Match m : registry.find(e.comment().body())) {
            Command cmd = m.command();
            String name = cmd.spec().name();
            CommandInvocation inv = new CommandInvocation(config, e.number(), e.onPullRequest(),
                    e.comment().author(), e.comment(), m.args(), deliveryId);
            Optional<Boolean> allowed = attempt(
                    () -> authorizer.allowed(config, cmd.whoCan(config), inv.author()), inv, name);
            if (allowed.isEmpty()) {
                continue;
            }
            if (!allowed.get()) {
                LOG.info("{} by @{} refused: not among {}", name, inv.author(), cmd.whoCan(config));
                metrics.commands.labelValues(name, "refused").inc();
                attempt(() -> {
                    replies.reply(inv, "`" + name + "` is only available to "
                            + CommandRegistry.whoCanUse(cmd, config) + ". Nothing was changed.");
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

    /** Runs {@code step} with retries on transient GitHub failures; empty when it finally failed (asker told). */
    private <T> Optional<T> attempt(Supplier<T> step, CommandInvocation inv, String name) {
        for (int i = 0; ; i++) {
            try {
                return Optional.of(step.get());
            } catch (GitHubException e) {
                boolean again = e.isTransient() && i < backoff.size();
                LOG.warn("{} by @{} (delivery {}) failed on try {}: GitHub {}: {}{}", name, inv.author(),
                        inv.deliveryId(), i + 1, e.status(), e.getMessage(), again ? "; retrying" : "");
                if (again) {
                    Duration wait = e.retryAfter().filter(d -> d.compareTo(backoff.get(backoff.size() - 1)) <= 0)
                            .orElse(backoff.get(i));
                    pause.accept(wait);
                    continue;
                }
                metrics.commands.labelValues(name, "failed").inc();
                tellFailed(inv, name, e);
                return Optional.empty();
            }
        }
    }

    private void tellFailed(CommandInvocation inv, String name, GitHubException e) {
        try {
            replies.reply(inv, "`" + name + "` could not be completed because GitHub answered an error ("
                    + e.status() + "). Nothing is retried automatically: please comment `" + name
                    + "` again in a few minutes.");
        } catch (GitHubException again) {
            LOG.error("{} by @{} (delivery {}) failed and the failure reply failed too: {}", name, inv.author(),
                    inv.deliveryId(), again.getMessage());
        }
    }
}
