package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import java.util.Set;

/**
 * One slash command: its spec (matching and help), who may run it, and what it does. The registry
 * ({@link CommandRegistry}) is the only list of commands and also produces /help from the specs.
 */
public interface Command {
    CommandSpec spec();

    Set<Role> whoCan(RepoConfig config);

    void run(CommandInvocation invocation);
}
