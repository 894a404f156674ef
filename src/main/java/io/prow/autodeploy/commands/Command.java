package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One slash command. Its regex is matched against each line of a comment that is not quoted or in a code block;
 * the registry ({@link CommandRegistry}) is the only list of commands and also produces /help from them.
 */
public interface Command {
    /** Commands of one family exclude each other in one comment; the first registered wins (cancel over hold). */
    String family();

    /** A multi-line anchored pattern, e.g. {@code (?mi)^/hold(\s.*)?$}; group 1, if any, carries the arguments. */
    Pattern pattern();

    String usage();

    String description();

    List<String> examples();

    Set<Role> whoCan(RepoConfig config);

    void run(CommandInvocation invocation);
}
