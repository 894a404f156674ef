package io.prow.autodeploy.rollback;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names our rollback PRs carry: written by {@link RollbackExecutor}, read back by {@link DeployHistory}. One
 * place, so the writer and the reader cannot drift apart.
 */
public record RollbackTitle(String toTag, String fromTag) {
    public static final String BRANCH_PREFIX = "autodeploy/rollback-";
    private static final Pattern TITLE = Pattern.compile("^Roll back Prow to (\\S+) \\(from (\\S+)\\)$");

    /** {@code Roll back Prow to <to> (from <from>)}. */
    public String text() {
        return "Roll back Prow to " + toTag + " (from " + fromTag + ")";
    }

    /** One branch per target tag: a repeated rollback to the same tag finds the same branch and PR. */
    public static String branch(String toTag) {
        return BRANCH_PREFIX + toTag;
    }

    public static Optional<RollbackTitle> parse(String title) {
        Matcher m = TITLE.matcher(title == null ? "" : title);
        return m.matches() ? Optional.of(new RollbackTitle(m.group(1), m.group(2))) : Optional.empty();
    }
}
