package io.prow.autodeploy.deploy;

/**
 * Text from elsewhere (commit messages, CI context names, a command's reason) made safe to put in our comments:
 * one line, bounded, then the ledger's one escaping rule ({@link io.prow.autodeploy.ledger.PeoplesText}).
 */
public final class InertText {
    static final int MAX = 120;

    private InertText() {}

    public static String of(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (line.length() > MAX) {
            line = line.substring(0, MAX - 1) + "…";
        }
        return io.prow.autodeploy.ledger.PeoplesText.escape(line);
    }
}
