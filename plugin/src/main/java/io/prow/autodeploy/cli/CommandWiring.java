package io.prow.autodeploy.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.commands.ApproveDeployCommand;
import io.prow.autodeploy.commands.CachedAuthorizer;
import io.prow.autodeploy.commands.Command;
import io.prow.autodeploy.commands.CommandDispatcher;
import io.prow.autodeploy.commands.CommandRecovery;
import io.prow.autodeploy.commands.CommandRegistry;
import io.prow.autodeploy.commands.DeployNowCommand;
import io.prow.autodeploy.commands.HoldCommand;
import io.prow.autodeploy.commands.MarkedReplies;
import io.prow.autodeploy.commands.RollbackCommand;
import io.prow.autodeploy.commands.UnholdCommand;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The slash commands: their one list, who may run them, the replies, and the recovery of commands never answered.
 * Each is handed only the GitHub roles it calls; the back-ends (holds, overrides) come from the deploy side.
 */
final class CommandWiring {
    final CommandRegistry registry;
    final CommandRecovery recovery;
    final CommandDispatcher dispatcher;

    /** {@code pause}: how a failed command waits before its next try ({@code Thread::sleep} in production). */
    CommandWiring(GitHub gh, DeployWiring deploy, Clock clock, Metrics metrics, Consumer<Duration> pause) {
        MarkedReplies replies = new MarkedReplies(gh);
        // The only list of commands: matching, authorization and /help all read it. Cancel before hold.
        List<Command> commands = List.of(new UnholdCommand(deploy.holds, replies),
                new HoldCommand(deploy.holds, replies),
                new RollbackCommand(gh, gh, gh, gh, gh, deploy.holds, replies),
                new ApproveDeployCommand(deploy.overrides, replies), new DeployNowCommand(deploy.overrides, replies));
        this.registry = new CommandRegistry(commands);
        // The newest merged bump from the deploy history's cached listing: one closed listing per sweep (issue 16).
        this.recovery = new CommandRecovery(gh, deploy.comments, registry, clock, deploy.reconciler.history()::autobumps);
        this.dispatcher = new CommandDispatcher(registry,
                new CachedAuthorizer(gh, CachedAuthorizer.DEFAULT_TTL, Ticker.systemTicker()), replies, metrics,
                CommandDispatcher.DEFAULT_BACKOFF, pause, clock);
    }
}
