package io.prow.autodeploy.commands;

import java.util.List;

/**
 * What a command is, as data: matching ({@code word}: how it starts a comment line, see {@link CommandWord}; one
 * per {@code family} in a comment, the first registered wins, e.g. cancel over hold; the rest of the command's line
 * is its argument text) and documentation ({@code usage}, {@code description}, {@code examples}) for /help.
 */
public record CommandSpec(String family, CommandWord word, String usage, String description, List<String> examples) {
    public CommandSpec {
        examples = List.copyOf(examples);
    }

    /** The name as people type it, without arguments: {@code /hold cancel}, {@code /rollback}. */
    public String name() {
        return usage.replaceAll("\\s*[\\[<].*$", "").trim();
    }
}
