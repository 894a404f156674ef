package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The one place that lists the commands. Matching and /help both read this list, so registering a command is all
 * it takes for it to work and be documented.
 */
public final class CommandRegistry {
    private final List<Command> commands;

    public CommandRegistry(List<Command> commands) {
        this.commands = List.copyOf(commands);
    }

    public List<Command> all() {
        return commands;
    }

    /** A command matched in a comment, with its argument text. */
    public record Match(Command command, String args) {}

    /** Commands in {@code body}, one per family at most, in registration order. Pure and cheap: no I/O. */
    public List<Match> find(String body) {
        String text = CommentText.commandLines(body);
        if (text.indexOf('/') < 0) {
            return List.of();
        }
        List<Match> found = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (Command c : commands) {
            if (families.contains(c.spec().family())) {
                continue;
            }
            Matcher m = c.spec().pattern().matcher(text);
            if (m.find()) {
                families.add(c.spec().family());
                String args = m.groupCount() >= 1 && m.group(1) != null ? m.group(1).trim() : "";
                found.add(new Match(c, args));
            }
        }
        return found;
    }

    /** Who may run a command, in words, for /help and refusal replies. */
    public static String whoCanUse(Command c, RepoConfig config) {
        List<String> parts = c.whoCan(config).stream().sorted().map(r -> r.description()).toList();
        return parts.isEmpty() ? "nobody" : String.join(", ", parts);
    }
}
