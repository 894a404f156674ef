package io.prow.autodeploy.deploy;

import io.prow.autodeploy.text.Clip;

/**
 * Text from elsewhere (commit messages, CI context names, a command's reason) made safe to put in our comments:
 * one line, bounded ({@link #MAX} code points, cut by {@link Clip}), no HTML (it could close or forge one of our
 * hidden markers) and no @-mentions (it would notify people).
 */
public final class InertText {
    static final int MAX = 120;

    private InertText() {}

    public static String of(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        line = Clip.withEllipsis(line, MAX);
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
                .replace("`", "'");
    }
}
