package io.prow.autodeploy.ledger;

import io.prow.autodeploy.text.Clip;

/**
 * Text from elsewhere (commit messages, CI context names, a command's reason) made safe to put in our comments:
 * one line, bounded ({@link #MAX} code points, cut by {@link Clip}), then the ledger's one escaping rule
 * ({@link io.prow.autodeploy.ledger.PeoplesText}: no HTML, no @-mention, no backtick).
 */
public final class InertText {
    public static final int MAX = 120;

    private InertText() {}

    public static String of(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        line = Clip.withEllipsis(line, MAX);
        return io.prow.autodeploy.ledger.PeoplesText.escape(line);
    }
}
