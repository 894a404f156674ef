package io.prow.autodeploy.commands;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a command is, as data: matching ({@code pattern}, one per {@code family} in a comment, the first registered
 * wins, e.g. cancel over hold) and documentation ({@code usage}, {@code description}, {@code examples}) for /help.
 * {@code pattern} is multi-line and anchored, e.g. {@code (?mi)^/hold(?:[ \t]+(.*?))?[ \t]*$}; group 1, if any,
 * carries the arguments.
 */
public record CommandSpec(String family, Pattern pattern, String usage, String description, List<String> examples) {
    public CommandSpec {
        examples = List.copyOf(examples);
    }

    /** The name as people type it, without arguments: {@code /hold cancel}, {@code /rollback}. */
    public String name() {
        return usage.replaceAll("\\s*[\\[<].*$", "").trim();
    }
}
